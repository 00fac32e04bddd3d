using System.Text.Json;

namespace LlmLoad.FindLimit;

/// <summary>
/// A step's requests over time, read back from its requests.jsonl, for what the run's summary cannot say:
/// the throughput of the step's steady part, and whether latency climbed while it ran.
/// </summary>
/// <remarks>
/// A step starts on an idle server, so its first completions lag its first arrivals by a response time. The
/// steady part is therefore the last two thirds of the sending span, [S0 + T/3, S1] over the intended send
/// times: completions per second in it are the achieved rate. They are compared with the arrivals of the same
/// length of time one median response time earlier (what those completions answer), which keeps Poisson
/// arrivals' own ups and downs out of the comparison. A step should last several response times.
/// </remarks>
internal sealed class StepTimeline
{
    /// <summary>A third needs this many successful requests for its median to mean something.</summary>
    private const int MinimumPerThird = 3;

    private readonly List<Row> _rows;
    private readonly long _dropped;

    private StepTimeline(List<Row> rows, long dropped)
    {
        _rows = rows;
        _dropped = dropped;
    }

    /// <param name="dropped">Open-loop arrivals that were never sent (the concurrency cap was full): offered all the same.</param>
    public static StepTimeline Read(string requestsFile, long dropped)
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(requestsFile))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            rows.Add(new Row(
                root.GetProperty("scheduled_ms").GetDouble(),
                root.GetProperty("sent_ms").GetDouble(),
                Number(root, "ttft_ms"),
                Number(root, "e2e_ms"),
                Number(root, "output_tokens") ?? 0,
                root.GetProperty("error_class").ValueKind == JsonValueKind.Null,
                root.GetProperty("warmup").GetBoolean()));
        }

        return new StepTimeline(rows, dropped);
    }

    /// <summary>For tests: rows given directly.</summary>
    internal static StepTimeline Of(IEnumerable<Row> rows, long dropped = 0) => new(rows.ToList(), dropped);

    /// <summary>Successful completions per second in the steady part, and their output tokens per second.</summary>
    public (double Requests, double OutputTokens) Achieved()
    {
        if (SteadyPart() is not (var from, var to))
        {
            return (0, 0);
        }

        var done = _rows.Where(r => r.Succeeded && r.EndMs is { } end && end >= from && end <= to).ToList();
        var seconds = (to - from) / 1000;
        return (done.Count / seconds, done.Sum(r => r.OutputTokens) / seconds);
    }

    /// <summary>Length of the steady part in seconds; 0 with too few requests.</summary>
    public double SteadySeconds => SteadyPart() is (var from, var to) ? (to - from) / 1000 : 0;

    /// <summary>Arrivals per second offered over the steady part's length, one median response time before it; null with too few requests.</summary>
    public double? Offered()
    {
        if (SteadyPart() is not (var from, var to))
        {
            return null;
        }

        var (first, last) = (_rows.Min(r => r.ScheduledMs), _rows.Max(r => r.ScheduledMs));
        var lag = Median(_rows.Where(r => r.Succeeded && r.EndMs is { } end && end >= from && end <= to).Select(r => r.EndMs!.Value - r.ScheduledMs)) ?? 0;
        var (start, end) = (Math.Max(first, from - lag), Math.Min(last, to - lag));
        if (end - start < (to - from) / 2)
        {
            // The response time is most of the step: compare with the whole sending span instead.
            (start, end) = (first, last);
        }

        var arrivals = _rows.Count(r => r.ScheduledMs >= start && r.ScheduledMs <= end);
        return (arrivals / ((end - start) / 1000)) + (_dropped / ((last - first) / 1000));
    }

    /// <summary>Median TTFT from the intended send of the successful measured requests scheduled in the first and in the last third (a warm-up's cold start would hide a rise).</summary>
    public TtftTrend? Trend()
    {
        if (_rows.Count == 0)
        {
            return null;
        }

        var (first, last) = (_rows.Min(r => r.ScheduledMs), _rows.Max(r => r.ScheduledMs));
        var third = (last - first) / 3;
        var early = Ttfts(r => r.ScheduledMs < first + third);
        var late = Ttfts(r => r.ScheduledMs >= last - third);
        return early.Count >= MinimumPerThird && late.Count >= MinimumPerThird ? new TtftTrend(Median(early)!.Value, Median(late)!.Value) : null;
    }

    private List<double> Ttfts(Func<Row, bool> when)
        => _rows.Where(r => r.Succeeded && !r.Warmup && r.TtftMs is not null && when(r)).Select(r => r.TtftMs!.Value + r.SentMs - r.ScheduledMs).ToList();

    private (double From, double To)? SteadyPart()
    {
        if (_rows.Count < 2 * MinimumPerThird)
        {
            return null;
        }

        var (first, last) = (_rows.Min(r => r.ScheduledMs), _rows.Max(r => r.ScheduledMs));
        return last > first ? (first + ((last - first) / 3), last) : null;
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double? Number(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>One request: times in ms since the step's start.</summary>
    internal sealed record Row(double ScheduledMs, double SentMs, double? TtftMs, double? E2eMs, double OutputTokens, bool Succeeded, bool Warmup = false)
    {
        public double? EndMs => E2eMs is { } e2e ? SentMs + e2e : null;
    }
}
