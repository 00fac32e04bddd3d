using LlmLoad.Engine;
using LlmLoad.Providers;
using Polly;
using Polly.CircuitBreaker;

namespace LlmLoad.Routing;

/// <summary>
/// One target while a run goes: how to reach it, how to write its bodies when its API or model is not the run's,
/// its circuit breaker, and the outages llmload injects on its own side (for a target that is not a simulator).
/// </summary>
internal sealed class RouteTarget
{
    private readonly CircuitBreakerStateProvider _state = new();

    public RouteTarget(TargetSpec spec, IRequestExchange sender, Func<PreparedRequest, long, PreparedRequest> body, RoutingSettings routing, TimeProvider time)
    {
        Spec = spec;
        Sender = sender;
        Body = body;
        Breaker = new ResiliencePipelineBuilder<ResponseCapture> { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ResponseCapture>
            {
                FailureRatio = routing.Breaker.FailureRatio,
                SamplingDuration = routing.Breaker.SamplingWindow,
                MinimumThroughput = routing.Breaker.MinimumRequests,
                BreakDuration = routing.Breaker.BreakDuration,
                // What would move a request counts against the target; a request the run cancelled says nothing about it.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Error: { } error } && error != ErrorClass.Cancelled
                    && (routing.FailoverOn.Contains(error) || RoutingSettings.DefaultFailoverOn.Contains(error))),
                StateProvider = _state,
            })
            .Build();
    }

    public TargetSpec Spec { get; }

    public string Name => Spec.Name;

    public IRequestExchange Sender { get; }

    /// <summary>The request as this target takes it: the run's own body, or one rebuilt for its API and model.</summary>
    public Func<PreparedRequest, long, PreparedRequest> Body { get; }

    public ResiliencePipeline<ResponseCapture> Breaker { get; }

    /// <summary>Outages made on llmload's side: the requests fail as their kind says without being sent.</summary>
    public IReadOnlyList<OutageSpec> ClientSideOutages { get; set; } = [];

    /// <summary>The breaker's state as Polly last set it (it turns half-open only when a request comes after the break).</summary>
    public CircuitState BreakerState => _state.CircuitState;
}
