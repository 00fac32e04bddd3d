using System.Diagnostics;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Metrics;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving.PrefixCaching;
using LlmLoad.Simulator.Timing;
using LlmLoad.Simulator.Truth;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Serving;

/// <summary>
/// The serving model of one simulator, shared by all its APIs: injected faults, rate limits, the batch
/// and its queue, token timing, metrics and the truth log. An endpoint parses a request in its wire
/// format and hands it here; this decides what happens to it, in the order a real server would.
/// </summary>
internal sealed class ServingEngine
{
    /// <summary>Fault draws get their own random stream, so adding a fault rule does not change any request's timing or text.</summary>
    private const int FaultSeedSalt = 0x5EED_FA17;

    /// <summary>Whether a request calls a tool is drawn from its own stream too, so offering tools changes no other draw.</summary>
    private const int ToolSeedSalt = 0x7001_CA11;

    private readonly ArrivalCounter _arrivals = new();
    private readonly RateLimiter? _rateLimiter;
    private readonly ConcurrencyLimiter? _concurrency;
    private readonly TruthLog? _truthLog;

    public ServingEngine(SimulatorOptions options, TruthLog? truthLog)
    {
        Options = options;
        _truthLog = truthLog;
        // Fault windows count on the monotonic clock the arrivals and the token pacing use, not on
        // options.Time: a fault's start and a token's due time must be on one real-time axis.
        var start = Stopwatch.GetTimestamp();
        Scheduler = new BatchScheduler(options.Capacity);
        DecodeSpeed = new DecodeSpeed(options.InterTokenLatencyMs, options.Capacity);
        Faults = new FaultPlan(options.Faults, start);
        var capacity = options.Capacity;
        PrefixCache = capacity.PrefixCacheTokens > 0
            ? new PrefixCache(capacity.PrefixCacheTokens, capacity.PrefixCacheMinTokens, capacity.PrefixCacheBlockTokens)
            : null;
        Metrics = new ServerMetrics(Scheduler.Snapshot, ServedModelName, options.SimulatedGpu ? new SimulatedGpu(capacity.MaxBatch) : null, options.MetricsFlavor);
        var limits = options.RateLimits;
        _rateLimiter = limits.Any || limits.MaxConcurrentRequests is not null ? new RateLimiter(limits, options.Time) : null;
        _concurrency = limits.MaxConcurrentRequests is { } maxConcurrent ? new ConcurrencyLimiter(maxConcurrent) : null;
    }

    /// <summary>A place frees when some request ends, which no header can say; one second is the wait a 429 for it names.</summary>
    private static readonly TimeSpan ConcurrencyRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>The <c>model_name</c> label of every metric: the simulator serves whatever model a request names.</summary>
    public const string ServedModelName = "llmload-simulator";

    public SimulatorOptions Options { get; }

    public BatchScheduler Scheduler { get; }

    public DecodeSpeed DecodeSpeed { get; }

    public FaultPlan Faults { get; }

    /// <summary>The prompt prefix cache; null when the profile turns it off.</summary>
    public PrefixCache? PrefixCache { get; }

    public ServerMetrics Metrics { get; }

    /// <summary>Numbers requests in arrival order across all APIs: the key of each one's random stream.</summary>
    public long NextArrival() => _arrivals.Next();

    public async Task ServeAsync(HttpContext context, IApiExchange exchange, long arrival, long sequence)
    {
        var cancellationToken = context.RequestAborted;
        var fault = Faults.Decide(arrival, RequestRandom.Create(Options.Seed ^ FaultSeedSalt, sequence));
        if (fault is not null && fault.Kind.ActsBeforeHeaders())
        {
            if (fault.Kind == FaultKind.ResetBeforeHeaders)
            {
                context.Abort();
                return;
            }

            if (fault.Kind.StatusCode() is { } status)
            {
                await exchange.WriteStatusAsync(context, status, cancellationToken);
                return;
            }

            // Slow headers: nothing leaves until the delay is over, then the request is served as usual.
            if (!await Pacer.WaitUntilAsync(Stopwatch.GetTimestamp() + MonotonicClock.TicksFromMilliseconds(fault.Duration!.Value.TotalMilliseconds), cancellationToken))
            {
                return;
            }
        }

        // The concurrency cap is checked first and charges nothing: a request refused for it leaves the minute's buckets as
        // they were, and its 429 carries their headers as the live APIs put them on every answer.
        using var place = _concurrency?.TryEnter(Hosting.PresentedKey.ForLimits(context.Request));
        if (_concurrency is not null && place is null)
        {
            var current = exchange.AdmitRateLimits(_rateLimiter!.Peeking);
            exchange.WriteRateLimitHeaders(context.Response, current);
            await exchange.WriteRateLimitedAsync(context, current.RefusedForConcurrency(_concurrency.Limit, ConcurrencyRetryAfter), cancellationToken);
            return;
        }

        if (_rateLimiter is not null)
        {
            var decision = exchange.AdmitRateLimits(_rateLimiter);
            exchange.WriteRateLimitHeaders(context.Response, decision);
            if (!decision.Allowed)
            {
                await exchange.WriteRateLimitedAsync(context, decision, cancellationToken);
                return;
            }
        }

        var kvTokens = (long)exchange.PromptTokens + exchange.OutputTokens;
        if (!Scheduler.CanEverFit(kvTokens))
        {
            await exchange.WriteContextTooLongAsync(context, kvTokens, Options.Capacity.KvCacheTokens!.Value, cancellationToken);
            return;
        }

        using var seat = Scheduler.TryJoin(kvTokens);
        if (seat is null)
        {
            Metrics.QueueFull();
            await exchange.WriteStatusAsync(context, Options.Capacity.QueueFullStatus, cancellationToken);
            return;
        }

        // Looked up once the request is accepted (running or queued), so its usage, which Anthropic sends
        // before the first token, is known; a prefix counts as cached from then, even while its first request
        // is still in prefill, as vLLM marks a block cached when it is scheduled.
        var cache = exchange.Prefix is { } prefix && PrefixCache is { } prefixCache ? prefixCache.Serve(prefix) : default;
        var reasoning = Options.Reasoning.For(exchange.OutputTokens, exchange.ReasoningBudget);
        var toolName = exchange.Tools.ToCall(Options.ToolCallShare, RequestRandom.Create(Options.Seed ^ ToolSeedSalt, sequence).NextDouble());
        var toolCall = toolName is null ? null : new ToolCallPlan(toolName, ResponseId.New(exchange.ToolCallIdPrefix));
        var plan = CompletionPlan.Create(ResponseId.New(exchange.IdPrefix), exchange.Model, exchange.PromptTokens, exchange.OutputTokens, Options.Time.GetUtcNow(), Options.Seed, sequence, cache, reasoning, toolCall);
        using var generator = new ResponseGenerator(this, plan, seat, fault is not null && !fault.Kind.ActsBeforeHeaders() ? fault : null);
        var timeline = exchange.Stream
            ? await exchange.StreamAsync(context, generator, cancellationToken)
            : await BufferedSend.SendAsync(context, exchange, generator, cancellationToken);
        // The place frees as the last byte is written, as a provider's does when generation ends: a client that sends
        // again the moment it has read the answer must not be refused for a request the server has finished.
        place?.Dispose();
        Record(exchange, generator, arrival, timeline);
    }

    private void Record(IApiExchange exchange, ResponseGenerator generator, long arrival, ResponseTimeline? timeline)
    {
        if (timeline is not { } sent)
        {
            Metrics.RequestFinished(FinishedReasons.Abort, 0, 0, 0);
            return;
        }

        var plan = generator.Plan;
        Metrics.RequestFinished(
            plan.ToolCall is null ? exchange.FinishedReason : FinishedReasons.Stop,
            generator.QueueTime.TotalSeconds,
            Stopwatch.GetElapsedTime(arrival, sent.FirstContentSent).TotalSeconds,
            Stopwatch.GetElapsedTime(arrival, sent.LastByteSent).TotalSeconds,
            plan.CompletionTokens);
        _truthLog?.Add(new TruthRecord(plan.Id, arrival, sent.FirstContentSent, sent.LastByteSent, plan.CompletionTokens));
    }
}
