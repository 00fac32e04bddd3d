using LlmLoad.Recording;

namespace LlmLoad.Analysis;

/// <summary>
/// Per-window aggregates of the measured requests, by time since run start (docs/metrics.md, "Time
/// series"): a request counts by its scheduled time for the offered rate (dropped arrivals too), its send time for the achieved
/// rate, and its completion time for everything else. Not thread-safe: the recorder feeds it from one thread.
/// </summary>
/// <remarks>
/// Memory: every window keeps a few counters for the whole run (about 200 bytes; the 100 ms minimum
/// window makes a one-hour run 36,000 windows, ~7 MB), because a request scheduled in a window can
/// complete up to the timeout later. An HDR histogram is ~190 KB, so the three per window cannot live
/// that long (1 h at 1 s would be 2 GB): a window's histograms are reduced to percentiles once
/// completions <see cref="CloseAfterMs"/> past its end have been seen, and then reused. Records arrive
/// in the order requests posted them, which is completion order give or take a thread switch, so the
/// margin is ample; a completion that still arrives later counts in every column but the percentiles.
/// </remarks>
internal sealed class TimeSeries(TimeSpan window) : IRequestSink
{
    private const double CloseAfterMs = 5_000;
    private readonly double _windowMs = window.TotalMilliseconds;
    private readonly List<TimeWindow> _windows = [];
    private readonly Stack<LatencyHistogram> _spare = new();
    private double _latestCompletionMs;
    private int _firstOpen;

    public TimeSpan Window { get; } = window;

    public int Count => _windows.Count;

    public void OnRecord(RequestMeasurement measurement) => Add(measurement);

    public void OnDropped(DroppedArrival arrival) => AddDropped(arrival.Warmup, arrival.ScheduledMs);

    public void Add(RequestMeasurement measurement)
    {
        var record = measurement.Record;
        if (record.Warmup)
        {
            return;
        }

        At(record.ScheduledMs).Scheduled++;
        var sent = At(record.SentMs);
        sent.Sent++;
        sent.RateLimit.Add(record);
        var completedMs = CompletedMs(record);
        var completed = At(completedMs);
        completed.Completed++;
        completed.OutputTokens += record.OutputTokens ?? 0;
        if (record.Error is { } error)
        {
            completed.AddError(error);
        }
        else
        {
            completed.Ok++;
            RecordLatencies(completed, measurement);
        }

        _latestCompletionMs = Math.Max(_latestCompletionMs, completedMs);
        CloseUntil(_latestCompletionMs - CloseAfterMs);
    }

    /// <summary>An open-loop arrival dropped at a full concurrency cap: offered, never sent.</summary>
    public void AddDropped(bool warmup, double scheduledMs)
    {
        if (!warmup)
        {
            At(scheduledMs).Scheduled++;
        }
    }

    /// <summary>Closes every window and returns one row per window from run start to the last event.</summary>
    public IReadOnlyList<TimeSeriesRow> Rows()
    {
        CloseUntil(double.MaxValue);
        var rows = new List<TimeSeriesRow>(_windows.Count);
        long sent = 0, completed = 0;
        var windowsPerMinute = Math.Max(1, (int)Math.Round(60_000 / _windowMs));
        var minute = new LastMinuteUsage();
        foreach (var w in _windows)
        {
            sent += w.Sent;
            completed += w.Completed;
            minute = Slide(minute, w.RateLimit, w.Index >= windowsPerMinute ? _windows[(int)w.Index - windowsPerMinute].RateLimit : null);
            rows.Add(new TimeSeriesRow(w, w.Index * _windowMs / 1000, (w.Index + 1) * _windowMs / 1000, sent - completed) { LastMinute = minute });
        }

        return rows;
    }

    /// <summary>The last minute's usage one window on: the new window in, the one a minute before it out.</summary>
    private static LastMinuteUsage Slide(LastMinuteUsage minute, RateLimitWindow entering, RateLimitWindow? leaving) => new(
        minute.Requests + entering.Requests - (leaving?.Requests ?? 0),
        minute.InputTokens + entering.InputTokens - (leaving?.InputTokens ?? 0),
        minute.OutputTokens + entering.OutputTokens - (leaving?.OutputTokens ?? 0));

    /// <summary>E2E always has a value (the end of whatever came back, or the failure); a missing one means it ended at the send.</summary>
    private static double CompletedMs(RequestRecord record) => record.SentMs + (record.E2eMs ?? 0);

    private void RecordLatencies(TimeWindow target, RequestMeasurement measurement)
    {
        if (target.IsClosed)
        {
            return;
        }

        var record = measurement.Record;
        if (record.TtftMs is { } ttft)
        {
            (target.Ttft ??= Rent()).Record(ttft);
        }

        if (record.E2eMs is { } e2e)
        {
            (target.E2e ??= Rent()).Record(e2e);
        }

        if (measurement.TokenLatenciesMs.Length > 0)
        {
            var itl = target.Itl ??= Rent();
            foreach (var sample in measurement.TokenLatenciesMs)
            {
                itl.Record(sample);
            }
        }
    }

    private TimeWindow At(double ms)
    {
        var index = (long)Math.Max(0, Math.Floor(ms / _windowMs));
        while (_windows.Count <= index)
        {
            _windows.Add(new TimeWindow(_windows.Count));
        }

        return _windows[(int)index];
    }

    private void CloseUntil(double ms)
    {
        while (_firstOpen < _windows.Count && (_firstOpen + 1) * _windowMs <= ms)
        {
            foreach (var histogram in _windows[_firstOpen].Close())
            {
                histogram.Reset();
                _spare.Push(histogram);
            }

            _firstOpen++;
        }
    }

    private LatencyHistogram Rent() => _spare.TryPop(out var histogram) ? histogram : new LatencyHistogram();
}
