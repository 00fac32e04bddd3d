namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// One simulator's Prometheus metrics, written under the names of the server its <see cref="MetricsFlavor"/> names (vLLM by
/// default), so a dashboard, autoscaler or scraper built for that server can be pointed at the simulator. Each server owns
/// its own instance (several run side by side in one process), and every recording method is lock-free and
/// allocation-free: labelled series are created once here.
/// </summary>
internal sealed partial class ServerMetrics
{
    private readonly Func<ServingSnapshot> _readState;
    private readonly SimulatedGpu? _gpu;
    private readonly MetricsFlavor _flavor;

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
    private readonly CounterSeries _refusedQueueFull = new();
    private readonly DoubleCounter _prefillSeconds = new();
    private readonly DoubleCounter _decodeSeconds = new();
    private readonly HistogramSeries _timeToFirstToken;
    private readonly HistogramSeries _e2eLatency;
    private readonly HistogramSeries _queueTime;
    private readonly HistogramSeries _interTokenLatency;
    private readonly HistogramSeries _inferenceTime;
    private readonly HistogramSeries _meanTimePerToken;
    private readonly HistogramSeries _sendLag = new(VllmBuckets.SendLag);
    private readonly ScrapeRates _rates = new();

    /// <param name="readState">Read at every scrape, so the gauges always show the server's state at that moment.</param>
    /// <param name="modelName">The <c>model_name</c> label value: the served model's name.</param>
    /// <param name="gpu">DCGM-like GPU series to add (illustrative); null for none, as a real vLLM's /metrics has none.</param>
    /// <param name="flavor">Whose names, labels and number spelling to write.</param>
    public ServerMetrics(Func<ServingSnapshot> readState, string modelName, SimulatedGpu? gpu = null, MetricsFlavor flavor = MetricsFlavor.Vllm)
    {
        ArgumentNullException.ThrowIfNull(readState);
        ArgumentNullException.ThrowIfNull(modelName);
        _gpu = gpu;
        _flavor = flavor;
        _readState = readState;
        _modelLabel = ExpositionWriter.Label("model_name", modelName);
        _stopLabels = _modelLabel + "," + ExpositionWriter.Label("finished_reason", FinishedReasons.Stop);
        _lengthLabels = _modelLabel + "," + ExpositionWriter.Label("finished_reason", FinishedReasons.Length);
        _abortLabels = _modelLabel + "," + ExpositionWriter.Label("finished_reason", FinishedReasons.Abort);
        var buckets = FlavourBuckets.For(flavor);
        _timeToFirstToken = new(buckets.TimeToFirstToken);
        _e2eLatency = new(buckets.E2eLatency);
        _queueTime = new(buckets.QueueTime);
        _interTokenLatency = new(buckets.InterTokenLatency);
        _inferenceTime = new(buckets.E2eLatency);
        _meanTimePerToken = new(buckets.InterTokenLatency);
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

    /// <summary>Counts a request refused because the queue in front of the batch was full (TGI counts it as overloaded).</summary>
    public void QueueFull() => _refusedQueueFull.Increment();

    /// <summary>
    /// Records a finished request. An abort is only counted: its latencies describe a request that did not
    /// run to completion and would skew the distributions.
    /// </summary>
    /// <param name="finishedReason">One of <see cref="FinishedReasons"/>.</param>
    /// <param name="generatedTokens">Its output tokens, for TGI's per-request mean time per token; 0 when not known.</param>
    public void RequestFinished(string finishedReason, double queueSeconds, double timeToFirstTokenSeconds, double e2eSeconds, int generatedTokens = 0)
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
        _inferenceTime.Observe(e2eSeconds - queueSeconds);
        // Prefill runs from admission to the first token, decode from there to the end (llama.cpp's two time totals).
        _prefillSeconds.Add(timeToFirstTokenSeconds - queueSeconds);
        _decodeSeconds.Add(e2eSeconds - timeToFirstTokenSeconds);
        if (generatedTokens > 1)
        {
            _meanTimePerToken.Observe((e2eSeconds - timeToFirstTokenSeconds) / (generatedTokens - 1));
        }
    }

    /// <summary>Requests that ran to the end (stop or length).</summary>
    private long Succeeded => _finishedStop.Value + _finishedLength.Value;
}
