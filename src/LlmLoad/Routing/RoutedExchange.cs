using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Providers;
using LlmLoad.Workload;
using Polly;
using Polly.CircuitBreaker;

namespace LlmLoad.Routing;

/// <summary>
/// Routes each request as an application would: to a target drawn by weight (seeded, so a run is reproducible), past a
/// target whose circuit breaker is open, and, when it fails with a failover class, once more to a fallback (from a
/// fallback, to a primary). The capture's history says who served it and where it was meant to go.
/// </summary>
internal sealed class RoutedExchange(IReadOnlyList<RouteTarget> targets, RoutingSettings settings, BudgetGuard? budget, TimeProvider time, TimeSpan timeout, int seed)
    : IRequestExchange
{
    /// <summary>Keeps the routing draw's stream apart from the run's other random streams.</summary>
    private const int RoutePurpose = 12;

    private readonly double _totalWeight = targets.Sum(t => t.Spec.Weight);

    /// <summary>When the run's clock started; the outage windows count from it.</summary>
    public long RunStartedAt { get; set; }

    public IReadOnlyList<RouteTarget> Targets => targets;

    public async Task<ResponseCapture> SendAsync(PreparedRequest request, long session, CancellationToken abort)
    {
        var target = Pick(session);
        string? failoverFrom = null;
        // An open breaker answers at once without sending (after its break it lets a probe through): the request then
        // goes straight to the fallback, as an application's would.
        var capture = await SendToAsync(target, request, session, abort).ConfigureAwait(false);
        if (capture is null && Failover(target) is { } healthy)
        {
            failoverFrom = target.Name;
            target = healthy;
            capture = await SendToAsync(target, request, session, abort).ConfigureAwait(false);
        }

        capture ??= NotSent(target);
        var history = new ExchangeHistory { FirstSentAt = capture.SentAt };
        history.Attempts.Add(AttemptOutcome.Of(capture, capture.ServedBy ?? target.Name));
        if (failoverFrom is null && capture.Error is { } error && settings.FailoverOn.Contains(error) && Failover(target) is { } next && Reserve(request, capture))
        {
            failoverFrom = target.Name;
            target = next;
            capture = await SendToAsync(target, request, session, abort).ConfigureAwait(false) ?? NotSent(target);
            history.Attempts.Add(AttemptOutcome.Of(capture, capture.ServedBy ?? target.Name));
        }

        history.Target = capture.ServedBy ?? target.Name;
        history.FailoverFrom = failoverFrom;
        capture.History = history;
        return capture;
    }

    /// <summary>The target of a request by weight; a session's turns all go where its first went.</summary>
    private RouteTarget Pick(long session)
    {
        var draw = new Random(StreamSeed.For(seed, session, RoutePurpose)).NextDouble() * _totalWeight;
        foreach (var target in targets)
        {
            draw -= target.Spec.Weight;
            if (draw < 0)
            {
                return target;
            }
        }

        return targets[^1];
    }

    /// <summary>Where a request moves from <paramref name="from"/>: the heaviest fallback (from a fallback, the heaviest primary).</summary>
    private RouteTarget? Failover(RouteTarget from)
    {
        if (settings.FailoverOn.Count == 0)
        {
            return null;
        }

        var role = from.Spec.Role == TargetRole.Primary ? TargetRole.Fallback : TargetRole.Primary;
        return targets.Where(t => t != from && t.Spec.Role == role).OrderByDescending(t => t.Spec.Weight).FirstOrDefault();
    }

    /// <summary>A failover is one more send: it passes the budget as a retry does (<see cref="RetryingExchange"/>).</summary>
    private bool Reserve(PreparedRequest request, ResponseCapture failed)
    {
        if (budget is null)
        {
            return true;
        }

        var worstCase = WorstCase.Usd(budget.Price, request.Plan);
        if (!budget.TryReserve(worstCase))
        {
            return false;
        }

        budget.Settle(worstCase, failed.Status == 200 ? worstCase : 0);
        return true;
    }

    /// <summary>Sends through the target's breaker; null when the breaker is open and nothing was sent.</summary>
    private async Task<ResponseCapture?> SendToAsync(RouteTarget target, PreparedRequest request, long session, CancellationToken abort)
    {
        var context = ResilienceContextPool.Shared.Get(abort);
        try
        {
            var outcome = await target.Breaker.ExecuteOutcomeAsync(
                static async (ctx, state) => Outcome.FromResult(await state.Self.SendOrInjectAsync(state.Target, state.Request, state.Session, ctx.CancellationToken).ConfigureAwait(false)),
                context,
                (Self: this, Target: target, Request: request, Session: session)).ConfigureAwait(false);
            return outcome.Exception is BrokenCircuitException ? null : outcome.Result ?? throw outcome.Exception!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Every target the request could go to has its breaker open: it fails at once, as the application's request would.</summary>
    private ResponseCapture NotSent(RouteTarget target)
    {
        var refused = new ResponseCapture { SentAt = time.GetTimestamp() };
        refused.Fail(ErrorClass.Connection, $"not sent: the circuit breaker of target {target.Name} is open and no other target could take it");
        refused.EndAt = refused.SentAt;
        return refused;
    }

    private Task<ResponseCapture> SendOrInjectAsync(RouteTarget target, PreparedRequest request, long session, CancellationToken abort)
    {
        var now = time.GetElapsedTime(RunStartedAt);
        foreach (var outage in target.ClientSideOutages)
        {
            if (outage.Covers(now))
            {
                return InjectedOutage.FailAsync(outage, timeout, time, abort);
            }
        }

        return target.Sender.SendAsync(target.Body(request, session), session, abort);
    }
}
