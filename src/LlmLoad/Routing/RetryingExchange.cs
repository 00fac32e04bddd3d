using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Providers;
using LlmLoad.Workload;
using Polly;
using Polly.Retry;

namespace LlmLoad.Routing;

/// <summary>
/// Sends a request again after the failures <see cref="RetrySettings"/> names, with Polly's retry strategy, waiting
/// what the server asked for (else the backoff). Every attempt is kept in the capture's <see cref="ExchangeHistory"/>,
/// and every retry passes the budget first: it reserves its worst case, and a refused reservation ends the retries.
/// </summary>
internal sealed class RetryingExchange : IRequestExchange
{
    private static readonly ResiliencePropertyKey<RetryState> StateKey = new("llmload.retry");

    /// <summary>Keeps the backoff jitter's stream apart from the run's other random streams.</summary>
    private const int JitterPurpose = 11;

    private readonly IRequestExchange _inner;
    private readonly RetrySettings _settings;
    private readonly BudgetGuard? _budget;
    private readonly TimeProvider _time;
    private readonly int _seed;
    private readonly ResiliencePipeline<ResponseCapture> _pipeline;

    public RetryingExchange(IRequestExchange inner, RetrySettings settings, BudgetGuard? budget, TimeProvider time, int seed)
    {
        _inner = inner;
        _settings = settings;
        _budget = budget;
        _time = time;
        _seed = seed;
        _pipeline = new ResiliencePipelineBuilder<ResponseCapture> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<ResponseCapture>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } capture && ShouldRetry(args.Context.Properties.GetValue(StateKey, null!), capture, args.AttemptNumber)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(StateKey, null!).NextWait),
                OnRetry = args =>
                {
                    args.Context.Properties.GetValue(StateKey, null!).History.RetryWaitMs += args.RetryDelay.TotalMilliseconds;
                    return default;
                },
            })
            .Build();
    }

    public async Task<ResponseCapture> SendAsync(PreparedRequest request, long session, CancellationToken abort)
    {
        var state = new RetryState(request, new Random(StreamSeed.For(_seed, session, JitterPurpose))) { Session = session };
        var context = ResilienceContextPool.Shared.Get(abort);
        context.Properties.Set(StateKey, state);
        try
        {
            var capture = await _pipeline.ExecuteAsync(
                static async (ctx, inner) =>
                {
                    var s = ctx.Properties.GetValue(StateKey, null!);
                    var capture = await inner.SendAsync(s.Request, s.Session, ctx.CancellationToken).ConfigureAwait(false);
                    s.Last = capture;
                    return capture;
                },
                context,
                _inner).ConfigureAwait(false);
            return state.Finish(capture, capture);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested && state.Last is { } last)
        {
            // The run's end came while the request waited to retry: it is recorded as cancelled, never lost.
            var cancelled = new ResponseCapture { SentAt = last.SentAt, HeadersAt = last.HeadersAt, Status = last.Status, EndAt = _time.GetTimestamp(), RateLimit = last.RateLimit };
            cancelled.Fail(ErrorClass.Cancelled, $"cancelled: the run stopped while the request waited to retry ({last.ErrorMessage})");
            return state.Finish(cancelled, last);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Called after every attempt: records it, and decides (with the budget) whether another is sent.</summary>
    private bool ShouldRetry(RetryState state, ResponseCapture capture, int attempt)
    {
        state.Record(capture);
        if (attempt + 1 >= _settings.MaxAttempts || !_settings.Retries(capture))
        {
            return false;
        }

        var wait = RetrySettings.WaitBefore(capture, attempt, state.Jitter);
        if (wait > RetrySettings.MaxServerWait)
        {
            return false;
        }

        // The next attempt is reserved before this one's reservation is released, so a refusal leaves this one
        // for the record's own settlement; a failed attempt that got a 200 may have been billed, so it keeps its worst case.
        if (_budget is { } budget)
        {
            var worstCase = WorstCase.Usd(budget.Price, state.Request.Plan);
            if (!budget.TryReserve(worstCase))
            {
                return false;
            }

            budget.Settle(worstCase, capture.Status == 200 ? worstCase : 0);
        }

        state.NextWait = wait;
        return true;
    }

    private sealed class RetryState(PreparedRequest request, Random jitter)
    {
        public PreparedRequest Request => request;

        public long Session { get; init; }

        public Random Jitter => jitter;

        public ExchangeHistory History { get; private set; } = new();

        public ResponseCapture? Last { get; set; }

        public TimeSpan NextWait { get; set; }

        /// <summary>Adds an attempt's outcome (a router's own attempts when it made several) to the request's history.</summary>
        public void Record(ResponseCapture capture)
        {
            if (History.Attempts.Count == 0)
            {
                History = new ExchangeHistory { FirstSentAt = capture.History?.FirstSentAt ?? capture.SentAt };
            }

            if (capture.History is { } inner)
            {
                History.Attempts.AddRange(inner.Attempts);
                History.RetryWaitMs += inner.RetryWaitMs;
            }
            else
            {
                History.Attempts.Add(AttemptOutcome.Of(capture, null));
            }
        }

        /// <param name="served">The last attempt sent: who served it (the capture itself, or what a cancelled wait followed).</param>
        public ResponseCapture Finish(ResponseCapture capture, ResponseCapture served)
        {
            if (History.Attempts.Count == 0)
            {
                Record(served);
            }

            History.Target = served.History?.Target;
            History.FailoverFrom = served.History?.FailoverFrom;
            capture.History = History;
            return capture;
        }
    }
}
