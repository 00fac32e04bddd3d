namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// One simulator's Prometheus metrics under vLLM's names, so a dashboard or autoscaler built for vLLM can
/// be pointed at the simulator. Each server owns its own instance (several run side by side in one
/// process), and every recording method is lock-free and allocation-free: labelled series are created once here.
/// </summary>
internal sealed partial class ServerMetrics
{
    private readonly Func<ServingSnapshot> _readState;
    private readonly SimulatedGpu? _gpu;

    // vLLM labels every series with model_name (and engine, which a single simulator has no use for).
    private readonly string _modelLabel;
    private readonly string _stopLabels;
    private readonly string _lengthLabels;
    private readonly string _abortLabels;

    private readonly CounterSeries _promptTokens = new();
    private readonly CounterSeries _generationTokens = new();
    private readonly CounterSeries _prefixCacheQueries = new();
    private readonly CounterSeries _prefixCacheHits = new();
    private readonly CounterSeries _finishedStop = new();
    private readonly CounterSeries _finishedLength = new();
    private readonly CounterSeries _finishedAbort = new();
    private readonly HistogramSeries _timeToFirstToken = new(VllmBuckets.TimeToFirstToken);
    private readonly HistogramSeries _e2eLatency = new(VllmBuckets.RequestLatency);
    private readonly HistogramSeries _queueTime = new(VllmBuckets.RequestLatency);
    private readonly HistogramSeries _interTokenLatency = new(VllmBuckets.InterTokenLatency);
    private readonly HistogramSeries _sendLag = new(VllmBuckets.SendLag);

    /// <param name="readState">Read at every scrape, so the gauges always show the server's state at that moment.</param>
    /// <param name="modelName">The <c>model_name</c> label value: the served model's name.</param>
    /// <param name="gpu">DCGM-like GPU series to add (illustrative); null for none, as a real vLLM's /metrics has none.</param>
    public ServerMetrics(Func<ServingSnapshot> readState, string modelName, SimulatedGpu? gpu = null)
    {
        _gpu = gpu;
        ArgumentNullException.ThrowIfNull(readState);
        ArgumentNullException.ThrowIfNull(modelName);
        _readState = readState;
        _modelLabel = ExpositionWriter.Label("model_name", modelName);
        _stopLabels = _modelLabel + "," + ExpositionWriter.Label("finished_reason", FinishedReasons.Stop);
        _lengthLabels = _modelLabel + "," + ExpositionWriter.Label("finished_reason", FinishedReasons.Length);
        _abortLabels = _modelLabel + "," + ExpositionWriter.Label("finished_reason", FinishedReasons.Abort);
    }

    /// <summary>Counts a request's prompt tokens when it is admitted to prefill.</summary>
    public void PromptTokens(int count) => _promptTokens.Add(count);

    /// <summary>Counts a prefix cache lookup in tokens, as vLLM does: the prompt's tokens queried, and those found.</summary>
    public void PrefixCacheQueried(int promptTokens, int cachedTokens)
    {
        _prefixCacheQueries.Add(promptTokens);
        _prefixCacheHits.Add(cachedTokens);
    }

    /// <summary>Records one streamed token.</summary>
    /// <param name="lagSeconds">Actual minus planned send time; early sends count as on time.</param>
    /// <param name="interTokenSeconds">The gap since this request's previous token; null for its first token.</param>
    public void TokenSent(double lagSeconds, double? interTokenSeconds)
    {
        _generationTokens.Increment();
        _sendLag.Observe(Math.Max(lagSeconds, 0));
        if (interTokenSeconds is { } gap)
        {
            _interTokenLatency.Observe(gap);
        }
    }

    /// <summary>
    /// Records a finished request. An abort is only counted: its latencies describe a request that did not
    /// run to completion and would skew the distributions.
    /// </summary>
    /// <param name="finishedReason">One of <see cref="FinishedReasons"/>.</param>
    public void RequestFinished(string finishedReason, double queueSeconds, double timeToFirstTokenSeconds, double e2eSeconds)
    {
        switch (finishedReason)
        {
            case FinishedReasons.Abort:
                _finishedAbort.Increment();
                return;
            case FinishedReasons.Stop:
                _finishedStop.Increment();
                break;
            case FinishedReasons.Length:
                _finishedLength.Increment();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(finishedReason), finishedReason, "Expected stop, length or abort.");
        }

        _queueTime.Observe(queueSeconds);
        _timeToFirstToken.Observe(timeToFirstTokenSeconds);
        _e2eLatency.Observe(e2eSeconds);
    }
}
