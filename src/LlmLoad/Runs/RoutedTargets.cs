using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Options;
using LlmLoad.Providers;
using LlmLoad.Providers.Transport;
using LlmLoad.Routing;
using LlmLoad.Shared;

namespace LlmLoad.Runs;

/// <summary>
/// The router of a run of several targets: one sender (and HTTP client) per target, each speaking its own API and
/// model when they are not the run's, and the outages of the targets that are not simulators injected on llmload's side.
/// </summary>
internal sealed class RoutedTargets : IDisposable
{
    private readonly List<HttpClient> _clients = [];

    public RoutedTargets(RunOptions options, RoutingSettings routing, IReadOnlyDictionary<string, TargetEndpoint> endpoints, BudgetGuard? budget, TimeProvider time)
    {
        var targets = new List<RouteTarget>();
        foreach (var spec in routing.Targets)
        {
            var endpoint = endpoints.TryGetValue(spec.Name, out var known)
                ? known
                : throw new InvalidOperationException($"target {spec.Name} has no endpoint: the caller starts one per target (RunTarget)");
            var provider = ProviderRegistry.Find(spec.Provider ?? options.Provider)!;
            var sameApi = provider.Name == options.Provider;
            var format = sameApi ? options.Format : provider.Create(new ScenarioSettings(), []);
            var model = spec.Model ?? options.Model;
            var keyEnv = spec.ApiKeyEnv ?? (sameApi ? options.ApiKeyEnv : provider.DefaultKeyEnv);
            var http = LoadHttpClient.Create(options.Transport, endpoint.Url);
            _clients.Add(http);
            var settings = RunConnection.Settings(options with { Model = model, ApiKeyEnv = keyEnv }, endpoint.Url, endpoint.Embedded) with
            {
                ServedByHeader = spec.ServedBy?.Header,
                ServedByField = spec.ServedBy?.JsonField,
            };
            var sender = new RequestSender(http, format, settings, time);
            Func<PreparedRequest, long, PreparedRequest> body = sameApi && model == options.Model
                ? (request, _) => request
                : (request, session) => request with
                {
                    Body = format.BuildBody(model, request.Plan.Turns, request.Plan.MaxOutputTokens, options.Stream, session, request.Plan.Tools),
                };
            targets.Add(new RouteTarget(spec, sender, body, routing, time)
            {
                ClientSideOutages = endpoint.Simulator ? [] : [.. routing.Outages.Where(o => o.Target == spec.Name)],
            });
        }

        Exchange = new RoutedExchange(targets, routing, budget, time, options.Timeout, options.Seed);
        ServerSideOutages = [.. routing.Outages.Where(o => endpoints[o.Target].Simulator).Select(o => (o, endpoints[o.Target].Url))];
    }

    public RoutedExchange Exchange { get; }

    /// <summary>Outages of simulator targets, to be made on the server (<see cref="SimulatorFaults"/>).</summary>
    public IReadOnlyList<(OutageSpec Outage, Uri Url)> ServerSideOutages { get; }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
