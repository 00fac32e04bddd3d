using LlmLoad.Analysis.Slo;
using LlmLoad.Cost;
using LlmLoad.Providers;
using LlmLoad.Recording;

namespace LlmLoad.Analysis;

/// <summary>
/// Aggregates of the measured (non-warm-up) requests of a run, in fixed memory.
/// Latency covers successful requests; counts and tokens cover all measured requests.
/// Not thread-safe: the recorder feeds it from one thread.
/// </summary>
internal sealed class RunStatistics(IEnumerable<ServiceLevelObjective>? objectives = null) : IRequestSink
{
    private readonly Dictionary<LatencyMetric, LatencyHistogram> _latency = LatencyMetricNames.All.ToDictionary(m => m, _ => new LatencyHistogram());
    private readonly Dictionary<ErrorClass, long> _errors = ErrorClassNames.All.ToDictionary(e => e, _ => 0L);

    public long Total { get; private set; }

    public long Warmup { get; private set; }

    public long Measured { get; private set; }

    public long Succeeded { get; private set; }

    public long Truncated { get; private set; }

    public long Failed => Measured - Succeeded;

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public long CachedTokens { get; private set; }

    /// <summary>Reasoning tokens the server reported, a part of <see cref="OutputTokens"/>.</summary>
    public long ReasoningTokens { get; private set; }

    /// <summary>Measured requests whose response reasoned (reasoning chunks, or reasoning tokens in usage).</summary>
    public long Reasoned { get; private set; }

    /// <summary>Inputs embedded by the measured requests that succeeded (embeddings runs; 0 otherwise).</summary>
    public long Inputs { get; private set; }

    public long UsageCounted { get; private set; }

    public long TokenizerCounted { get; private set; }

    public TokenDiscrepancy InputDiscrepancy { get; } = new();

    public TokenDiscrepancy OutputDiscrepancy { get; } = new();

    /// <summary>Measured window: first measured send to last measured end, ms since run start.</summary>
    public double WindowStartMs { get; private set; } = double.MaxValue;

    public double WindowEndMs { get; private set; } = double.MinValue;

    public double LastSentMs { get; private set; } = double.MinValue;

    public double WindowSeconds => Measured == 0 ? 0 : Math.Max(0, WindowEndMs - WindowStartMs) / 1000.0;

    public IReadOnlyDictionary<ErrorClass, long> Errors => _errors;

    public RateLimitSummary RateLimits { get; } = new();

    /// <summary>Measured requests that succeeded and met every per-request latency objective of the run.</summary>
    public Goodput Goodput { get; } = new(objectives ?? []);

    /// <summary>The cost of the measured requests, failures included; empty when the run has no price.</summary>
    public CostTally Cost { get; } = new();

    /// <summary>The cost of the warm-up requests: spent, but left out of the per-request figures.</summary>
    public CostTally WarmupCost { get; } = new();

    public LatencyStats Latency(LatencyMetric metric) => _latency[metric].Stats();

    /// <summary>The raw distribution, for the histogram log that lets segments of a run be merged exactly.</summary>
    public LatencyHistogram Histogram(LatencyMetric metric) => _latency[metric];

    /// <summary>
    /// Replaces a distribution with the sum of other processes' (<c>llmload merge</c>): the counters come from the
    /// segments' records, but per-token ITL and chunk gaps are only in their histograms.
    /// </summary>
    public void ReplaceLatency(LatencyMetric metric, LatencyHistogram merged)
    {
        var own = _latency[metric];
        own.Reset();
        own.Add(merged);
    }

    public void OnRecord(RequestMeasurement measurement) => Add(measurement);

    public void Add(RequestMeasurement measurement)
    {
        var record = measurement.Record;
        Total++;
        if (record.Cost is { } cost)
        {
            (record.Warmup ? WarmupCost : Cost).Add(cost);
        }

        if (record.Warmup)
        {
            Warmup++;
            return;
        }

        Measured++;
        WindowStartMs = Math.Min(WindowStartMs, record.SentMs);
        WindowEndMs = Math.Max(WindowEndMs, record.SentMs + (record.E2eMs ?? 0));
        LastSentMs = Math.Max(LastSentMs, record.SentMs);
        CountTokens(record);
        RateLimits.Add(record);
        Goodput.Add(record);
        _latency[LatencyMetric.ScheduleLag].Record(record.ScheduleLagMs);
        if (record.Error is { } error)
        {
            _errors[error]++;
            return;
        }

        Succeeded++;
        Truncated += record.Truncated ? 1 : 0;
        Inputs += record.Inputs ?? 0;
        RecordLatencies(measurement);
    }

    private void CountTokens(RequestRecord record)
    {
        InputTokens += record.InputTokens ?? 0;
        OutputTokens += record.OutputTokens ?? 0;
        CachedTokens += record.CachedTokens ?? 0;
        ReasoningTokens += record.ReasoningTokens ?? 0;
        Reasoned += record.ReasoningChunks > 0 || record.ReasoningTokens > 0 ? 1 : 0;
        if (record.OutputTokens is null)
        {
            return;
        }

        if (record.TokenSource == "usage")
        {
            UsageCounted++;
            if (record.InputTokens is { } input)
            {
                InputDiscrepancy.Add(input, record.InputTokensTokenizer);
            }
            if (record.OutputTokensTokenizer is { } byTokenizer)
            {
                OutputDiscrepancy.Add(record.OutputTokens.Value, byTokenizer);
            }
        }
        else
        {
            TokenizerCounted++;
        }
    }

    private void RecordLatencies(RequestMeasurement measurement)
    {
        var record = measurement.Record;
        var fromScheduled = record.ScheduleLagMs;
        if (record.TtftMs is { } ttft)
        {
            _latency[LatencyMetric.Ttft].Record(ttft);
            _latency[LatencyMetric.TtftFromScheduled].Record(ttft + fromScheduled);
        }

        if (record.TtfoMs is { } ttfo)
        {
            _latency[LatencyMetric.Ttfo].Record(ttfo);
        }

        if (record.E2eMs is { } e2e)
        {
            _latency[LatencyMetric.E2e].Record(e2e);
            _latency[LatencyMetric.E2eFromScheduled].Record(e2e + fromScheduled);
        }

        if (record.TpotMs is { } tpot)
        {
            _latency[LatencyMetric.Tpot].Record(tpot);
        }

        var itl = _latency[LatencyMetric.Itl];
        foreach (var sample in measurement.TokenLatenciesMs)
        {
            itl.Record(sample);
        }

        var gaps = _latency[LatencyMetric.ChunkGap];
        foreach (var gap in measurement.ChunkGapsMs)
        {
            gaps.Record(gap);
        }
    }
}
