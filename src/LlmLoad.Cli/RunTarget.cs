using LlmLoad.Options;
using LlmLoad.Providers;
using LlmLoad.Providers.Transport;
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

    private RunTarget(Uri url, SimulatorServer? simulator, SimulatorServer? warmUpTwin)
    {
        Url = url;
        _simulator = simulator;
        _warmUpTwin = warmUpTwin;
    }

    /// <summary>The API's base URL.</summary>
    public Uri Url { get; }

    public bool Embedded => _simulator is not null;

    /// <summary>Where to send a few unrecorded requests first; null against a real API, where every request costs money.</summary>
    public Uri? WarmUpUrl { get; private init; }

    /// <param name="simulator">The embedded simulator's options (<see cref="EmbeddedSimulator.Options"/>); null when the run has a --url.</param>
    public static async Task<RunTarget> StartAsync(RunOptions options, SimulatorOptions? simulator)
    {
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
    }
}
