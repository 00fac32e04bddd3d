using LlmLoad.Analysis;
using LlmLoad.Providers;
using LlmLoad.Recording;
using LlmLoad.Reporting;

namespace LlmLoad.Tests.Analysis;

public sealed class TimeSeriesTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly string[] LatencyColumns = ["ttft_p50_ms", "ttft_p95_ms", "ttft_p99_ms", "itl_p50_ms", "itl_p95_ms", "e2e_p50_ms", "e2e_p95_ms"];

    [Fact]
    public void Rows_RequestSpanningWindows_CountsOfferedAchievedAndCompletionEachInItsOwnWindow()
    {
        var series = new TimeSeries(Second);

        // Scheduled at 0.9 s, sent late at 1.2 s, done at 2.5 s.
        series.Add(Measure(scheduledMs: 900, sentMs: 1200, e2eMs: 1300, outputTokens: 40, ttftMs: 100, tokenGapsMs: [10, 20]));

        var rows = series.Rows();
        Assert.Equal(3, rows.Count);
        Assert.Equal([1, 0, 0], rows.Select(r => r.Window.Scheduled));
        Assert.Equal([0, 1, 0], rows.Select(r => r.Window.Sent));
        Assert.Equal([0, 0, 1], rows.Select(r => r.Window.Completed));
        Assert.Equal([0, 0, 40], rows.Select(r => r.Window.OutputTokens));
        Assert.Equal(1, rows[2].Window.TtftStats.Count);
        Assert.Equal(2, rows[2].Window.ItlStats.Count);
        Assert.InRange(rows[2].Window.E2eStats.P50, 1300, 1302); // HDR: 3 significant digits
    }

    [Fact]
    public void Rows_InFlight_IsSentMinusCompletedAtEachWindowEnd()
    {
        var series = new TimeSeries(Second);
        series.Add(Measure(scheduledMs: 100, sentMs: 100, e2eMs: 2500));   // in flight at the ends of windows 0, 1
        series.Add(Measure(scheduledMs: 200, sentMs: 200, e2eMs: 300));    // done within window 0
        series.Add(Measure(scheduledMs: 1500, sentMs: 1500, e2eMs: 1000)); // in flight at the end of window 1

        Assert.Equal([1, 2, 0], series.Rows().Select(r => r.InFlight));
    }

    [Fact]
    public void Rows_WarmupRequest_IsLeftOutOfEveryColumn()
    {
        var series = new TimeSeries(Second);
        series.Add(Measure(scheduledMs: 100, sentMs: 100, e2eMs: 5000, warmup: true));
        series.Add(Measure(scheduledMs: 200, sentMs: 200, e2eMs: 100));

        var row = Assert.Single(series.Rows());
        Assert.Equal((1, 1, 1, 0L), (row.Window.Scheduled, row.Window.Sent, row.Window.Completed, row.InFlight));
    }

    [Fact]
    public void AddDropped_CountsInOfferedOnly()
    {
        var series = new TimeSeries(Second);
        series.AddDropped(warmup: false, scheduledMs: 300);
        series.AddDropped(warmup: true, scheduledMs: 400);

        var row = Assert.Single(series.Rows());
        Assert.Equal((1, 0, 0), (row.Window.Scheduled, row.Window.Sent, row.Window.Completed));
    }

    [Fact]
    public void Write_ErrorsAndEmptyWindows_ErrorClassColumnsAndEmptyPercentileCells()
    {
        var series = new TimeSeries(TimeSpan.FromMilliseconds(500));
        series.Add(Measure(scheduledMs: 0, sentMs: 0, e2eMs: 100, ttftMs: 2));
        series.Add(Measure(scheduledMs: 100, sentMs: 100, e2eMs: 10, error: ErrorClass.RateLimited));
        series.Add(Measure(scheduledMs: 1100, sentMs: 1100, e2eMs: 20, error: ErrorClass.Timeout));

        var lines = Csv(series);

        var header = lines[0].Split(',');
        Assert.Equal(TimeSeriesCsv.Columns, header);
        Assert.Equal(3 + 1, lines.Length);
        var cells = lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(("0", "0.5", "4", "4"), (cells[0]["t_start_s"], cells[0]["t_end_s"], cells[0]["offered_rate_per_s"], cells[0]["achieved_rate_per_s"]));
        Assert.Equal(("2", "1", "1", "1", "0"), (cells[0]["completed"], cells[0]["ok"], cells[0]["errors"], cells[0]["rate_limited"], cells[0]["timeout"]));
        Assert.Equal("2", cells[0]["ttft_p50_ms"]);
        Assert.Equal("", cells[0]["itl_p50_ms"]);
        Assert.All(LatencyColumns, c => Assert.Equal("", cells[1][c]));
        Assert.Equal(("0", "0", "0"), (cells[1]["completed"], cells[1]["offered_rate_per_s"], cells[1]["in_flight"]));
        Assert.Equal(("1", "0", "1", "1"), (cells[2]["completed"], cells[2]["ok"], cells[2]["errors"], cells[2]["timeout"]));
        Assert.Equal("", cells[2]["e2e_p50_ms"]);
    }

    [Fact]
    public void Add_LongRun_ClosesOldWindowsAndKeepsTheirPercentiles()
    {
        var series = new TimeSeries(Second);
        for (var second = 0; second < 60; second++)
        {
            series.Add(Measure(scheduledMs: second * 1000, sentMs: second * 1000, e2eMs: 100 + second, ttftMs: 10 + second));
        }

        var rows = series.Rows();
        Assert.Equal(60, rows.Count);
        Assert.All(rows, r => Assert.True(r.Window.IsClosed));
        Assert.All(rows, r => Assert.InRange(r.Window.TtftStats.P50, 10 + r.Window.Index, 10.1 + r.Window.Index));
    }

    [Fact]
    public void Write_Numbers_PlainDecimalsRoundedToThreePlaces()
    {
        var series = new TimeSeries(TimeSpan.FromMilliseconds(300));
        series.Add(Measure(scheduledMs: 0, sentMs: 0, e2eMs: 12.5, ttftMs: 1.25));

        var row = Csv(series)[1];

        Assert.StartsWith("0,0.3,3.333,3.333,1,0,1,0,", row, StringComparison.Ordinal);
        Assert.Contains(",1.25,", row, StringComparison.Ordinal);
    }

    private static string[] Csv(TimeSeries series)
    {
        using var writer = new StringWriter();
        TimeSeriesCsv.Write(writer, series.Rows(), series.Window);
        return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static RequestMeasurement Measure(double scheduledMs, double sentMs, double e2eMs, int outputTokens = 10, double? ttftMs = null,
        double[]? tokenGapsMs = null, ErrorClass? error = null, bool warmup = false)
    {
        var record = new RequestRecord
        {
            Seq = 0,
            Warmup = warmup,
            Status = error is null ? 200 : 429,
            Error = error,
            ScheduledMs = scheduledMs,
            SentMs = sentMs,
            TtftMs = error is null ? ttftMs ?? e2eMs / 2 : null,
            E2eMs = e2eMs,
            OutputTokens = error is null ? outputTokens : null,
            TokenSource = "usage",
            MaxTokens = outputTokens,
            InputTokensTokenizer = 10,
        };
        return new RequestMeasurement(record, tokenGapsMs ?? [], []);
    }
}
