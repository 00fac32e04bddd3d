using LlmLoad.Options;
using LlmLoad.Providers;
using LlmLoad.Providers.Transport;
using LlmLoad.Routing;
using LlmLoad.Runs;
using LlmLoad.Simulator;

namespace LlmLoad.Cli;

/// <summary>
/// Where a run sends: the user's --url, or the built-in simulator started on 127.0.0.1 for the run's lifetime,
/// with a twin to warm up on. Shared by every command that runs load.
/// </summary>
internal sealed class RunTarget : IAsyncDisposable
{
    private readonly SimulatorServer? _simulator;
    private readonly SimulatorServer? _warmUpTwin;
    private readonly List<SimulatorServer> _targetSimulators = [];

    private RunTarget(Uri url, SimulatorServer? simulator, SimulatorServer? warmUpTwin)
    {
        Url = url;
        _simulator = simulator;
        _warmUpTwin = warmUpTwin;
    }

    /// <summary>The API's base URL.</summary>
    public Uri Url { get; }

    public bool Embedded => _simulator is not null || EmbeddedTargets;

    /// <summary>Some target of a routed run is an embedded simulator.</summary>
    private bool EmbeddedTargets { get; init; }

    /// <summary>In a run of several targets: where each is reached; a target without a URL has an embedded simulator of its own.</summary>
    public IReadOnlyDictionary<string, TargetEndpoint> Targets { get; private init; } = new Dictionary<string, TargetEndpoint>();

    /// <summary>Where to send a few unrecorded requests first; null against a real API, where every request costs money.</summary>
    public Uri? WarmUpUrl { get; private init; }

    /// <param name="simulator">The embedded simulator's options (<see cref="EmbeddedSimulator.Options"/>); null when the run has a --url.</param>
    public static async Task<RunTarget> StartAsync(RunOptions options, SimulatorOptions? simulator)
    {
        if (options.Routing is { } routing)
        {
            return await StartTargetsAsync(options, routing, simulator ?? new SimulatorOptions { Seed = options.Seed });
        }

        if (simulator is null)
        {
            return new RunTarget(options.Url!, null, null);
        }

        var server = await SimulatorServer.StartAsync(simulator);
        // The embedded server's code is warmed up on a twin without limits, so that the warm-up requests
        // neither spend the profile's rate limits nor show in its metrics.
        var twin = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new(0, 0), InterTokenLatencyMs = new(0, 0), Http2Only = simulator.Http2Only });
        var basePath = ProviderRegistry.Find(options.Provider)!.EmbeddedBasePath;
        return new RunTarget(new Uri(server.BaseAddress, basePath), server, twin) { WarmUpUrl = new Uri(twin.BaseAddress, basePath) };
    }

    /// <summary>
    /// One endpoint per target: its URL (a loopback server answering /admin/faults is a simulator, whose outages are
    /// made on the server), or an embedded simulator of the run's profile, each with its own seed.
    /// </summary>
    private static async Task<RunTarget> StartTargetsAsync(RunOptions options, RoutingSettings routing, SimulatorOptions simulator)
    {
        var endpoints = new Dictionary<string, TargetEndpoint>(StringComparer.Ordinal);
        var started = new List<SimulatorServer>();
        using var probe = LoadHttpClient.Create(options.Transport, new Uri("http://127.0.0.1/"));
        for (var i = 0; i < routing.Targets.Count; i++)
        {
            var spec = routing.Targets[i];
            if (spec.Url is { } url)
            {
                endpoints[spec.Name] = new TargetEndpoint(url, await SimulatorFaults.IsSimulatorAsync(probe, url), Embedded: false);
                continue;
            }

            var server = await SimulatorServer.StartAsync(simulator with { Seed = simulator.Seed + i });
            started.Add(server);
            var basePath = ProviderRegistry.Find(spec.Provider ?? options.Provider)!.EmbeddedBasePath;
            endpoints[spec.Name] = new TargetEndpoint(new Uri(server.BaseAddress, basePath), Simulator: true, Embedded: true);
        }

        SimulatorServer? twin = null;
        Uri? warmUp = null;
        if (started.Count > 0)
        {
            twin = await SimulatorServer.StartAsync(new SimulatorOptions { TimeToFirstTokenMs = new(0, 0), InterTokenLatencyMs = new(0, 0), Http2Only = simulator.Http2Only });
            warmUp = new Uri(twin.BaseAddress, ProviderRegistry.Find(options.Provider)!.EmbeddedBasePath);
        }

        var first = endpoints[routing.Targets[0].Name];
        var target = new RunTarget(first.Url, null, twin) { Targets = endpoints, WarmUpUrl = warmUp, EmbeddedTargets = started.Count > 0 };
        target._targetSimulators.AddRange(started);
        return target;
    }

    /// <summary>
    /// The options with the model the server serves when the run left it to the server (<see cref="RunOptions.DiscoverModel"/>);
    /// null, with the reason in <paramref name="errors"/>, when it serves none or several.
    /// </summary>
    public static async Task<RunOptions?> WithServedModelAsync(RunOptions options, List<string> errors)
    {
        if (!options.DiscoverModel)
        {
            return options;
        }

        using var http = LoadHttpClient.Create(options.Transport, options.Url!);
        try
        {
            var model = await ServedModels.TheOnlyOneAsync(http, options.Url!, Environment.GetEnvironmentVariable(options.ApiKeyEnv), options.Headers, CancellationToken.None);
            return options with { Model = model, DiscoverModel = false };
        }
        catch (InvalidOperationException ex)
        {
            errors.Add("--url: " + ex.Message);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_warmUpTwin is not null)
        {
            await _warmUpTwin.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        foreach (var server in _targetSimulators)
        {
            await server.DisposeAsync();
        }
    }
}
