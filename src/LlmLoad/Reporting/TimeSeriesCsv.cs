using System.Globalization;
using System.Text;
using LlmLoad.Analysis;
using LlmLoad.Analysis.Server;
using LlmLoad.Providers;
using LlmLoad.Traffic;

namespace LlmLoad.Reporting;

/// <summary>Writes timeseries.csv: one row per fixed window, columns defined in docs/metrics.md ("Time series").</summary>
internal sealed class TimeSeriesCsv : IRunExporter
{
    public const string FileName = "timeseries.csv";

    /// <summary>The server's figures per window (docs/server-metrics.md); empty cells when nothing was scraped.</summary>
    public static IReadOnlyList<string> ServerColumns { get; } =
    [
        "server_running", "server_waiting", "server_kv_cache_pct", "server_queue_p50_ms", "server_queue_p95_ms", "server_preemptions",
        "gpu_util_pct", "gpu_memory_used_mib", "gpu_power_w",
    ];

    public static IReadOnlyList<string> Columns { get; } =
    [
        "t_start_s", "t_end_s", "offered_rate_per_s", "achieved_rate_per_s", "completed", "in_flight", "ok", "errors",
        .. ErrorClassNames.Contract.Select(e => e.ToWireName()),
        "output_tokens_per_s", "ttft_p50_ms", "ttft_p95_ms", "ttft_p99_ms", "itl_p50_ms", "itl_p95_ms", "e2e_p50_ms", "e2e_p95_ms",
        "stage",
        .. ErrorClassNames.Added.Select(e => e.ToWireName()),
        .. RateLimitColumns.Names,
        .. ServerColumns,
    ];

    /// <summary>Writes the file, replacing it atomically like summary.json; the stage column names the stage running at each window's start.</summary>
    public void Export(RunReport report)
    {
        var path = Path.Combine(report.OutDir, FileName);
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            Write(writer, report.TimeSeries ?? [], report.Options.TimeSeriesWindow, report.Options.Load.Stages, report.Server?.Windows);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static void Write(TextWriter writer, IReadOnlyList<TimeSeriesRow> rows, TimeSpan window, StagePlan? stages = null, IReadOnlyList<ServerWindow>? server = null)
    {
        writer.NewLine = "\n";
        writer.WriteLine(string.Join(',', Columns));
        var seconds = window.TotalSeconds;
        var limits = new RateLimitColumns();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var w = row.Window;
            var cells = new List<string>(Columns.Count)
            {
                Number(row.StartSeconds), Number(row.EndSeconds), Number(w.Scheduled / seconds), Number(w.Sent / seconds),
                Count(w.Completed), Count(row.InFlight), Count(w.Ok), Count(w.Errors),
            };
            cells.AddRange(ErrorClassNames.Contract.Select(e => Count(w.ErrorsOf(e))));
            cells.Add(Number(w.OutputTokens / seconds));
            cells.AddRange([Latency(w.TtftStats, s => s.P50), Latency(w.TtftStats, s => s.P95), Latency(w.TtftStats, s => s.P99)]);
            cells.AddRange([Latency(w.ItlStats, s => s.P50), Latency(w.ItlStats, s => s.P95)]);
            cells.AddRange([Latency(w.E2eStats, s => s.P50), Latency(w.E2eStats, s => s.P95)]);
            cells.Add(stages?.At(row.StartSeconds).Name ?? "");
            cells.AddRange(ErrorClassNames.Added.Select(e => Count(w.ErrorsOf(e))));
            limits.AddCells(cells, row);
            cells.AddRange(ServerCells(server is not null && i < server.Count ? server[i] : ServerWindow.None));
            writer.WriteLine(string.Join(',', cells));
        }
    }

    private static IEnumerable<string> ServerCells(ServerWindow s) =>
    [
        Optional(s.Running), Optional(s.Waiting), Optional(s.KvCacheUsage * 100), Optional(s.QueueP50Ms), Optional(s.QueueP95Ms), Optional(s.Preemptions),
        Optional(s.GpuUtilization), Optional(s.GpuMemoryUsedMib), Optional(s.GpuPowerW),
    ];

    private static string Optional(double? value) => value is { } v && double.IsFinite(v) ? Number(v) : "";

    /// <summary>An empty cell, not 0, when the window had no sample: 0 ms would read as a very fast answer.</summary>
    private static string Latency(LatencyStats stats, Func<LatencyStats, double> percentile)
        => stats.Count == 0 ? "" : Number(percentile(stats));

    internal static string Number(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
