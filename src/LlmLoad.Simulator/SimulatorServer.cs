using System.Net;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Hosting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Truth;
using LlmLoad.Workload;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LlmLoad.Simulator;

/// <summary>
/// A running simulator: a real Kestrel server speaking OpenAI chat completions at
/// <c>{BaseAddress}v1/chat/completions</c> and the Anthropic Messages API at <c>{BaseAddress}v1/messages</c>.
/// Any number can run side by side in one process.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    /// <summary>How long in-flight streams may still finish once disposal starts; then they are cut.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    private readonly WebApplication _app;
    private readonly TruthLog? _truthLog;

    private SimulatorServer(WebApplication app, TruthLog? truthLog, Uri baseAddress)
    {
        _app = app;
        _truthLog = truthLog;
        BaseAddress = baseAddress;
    }

    /// <summary>
    /// Where a client on this machine reaches the server: the bound IP (loopback for a wildcard such as
    /// 0.0.0.0, which is not a destination) and the actual port, e.g. <c>http://127.0.0.1:41234/</c>.
    /// A <see cref="Uri"/> always ends in "/"; the API is at <c>new Uri(BaseAddress, "v1/chat/completions")</c>.
    /// </summary>
    public Uri BaseAddress { get; }

    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = ParseHost(options.Host);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DefaultMaxTokens, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.DefaultMaxTokens, ChatRequestParser.MaxTokensLimit, nameof(options));
        CheckServingModel(options);

        // Load the tokenizer and word table now, or the first request's time to first token would include it.
        _ = WordBytes.Count;
        _ = TokenCounter.Default.Count("warm up");

        var truthLog = options.TruthLogPath is null ? null : TruthLog.Open(options.TruthLogPath);
        WebApplication? app = null;
        try
        {
            app = SimulatorHost.Build(options, address, truthLog);
            await app.StartAsync(cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var port = new Uri(addresses.First()).Port;
            return new SimulatorServer(app, truthLog, new UriBuilder(options.TlsCertificate is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps, ConnectableAddress(address).ToString(), port).Uri);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (truthLog is not null)
            {
                await truthLog.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Stops Kestrel (cutting streams still running after a short grace), then flushes and closes the truth log.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(StopGrace))
        {
            await _app.StopAsync(grace.Token);
        }

        await _app.DisposeAsync();
        if (_truthLog is not null)
        {
            await _truthLog.DisposeAsync();
        }
    }

    /// <summary>The checks the profile loader makes, for options built in code.</summary>
    private static void CheckServingModel(SimulatorOptions options)
    {
        var capacity = options.Capacity;
        var limits = options.RateLimits;
        if (capacity.MaxBatch < 1 || capacity.KvCacheTokens < 1 || capacity.MaxQueue < 0 || capacity.PrefillTokensPerSecond <= 0
            || capacity.InterTokenLatencyAtMaxBatchMs < 0 || (capacity.InterTokenLatencyAtMaxBatchMs is not null && capacity.MaxBatch is null)
            || !ServingCapacity.QueueFullStatuses.Contains(capacity.QueueFullStatus))
        {
            throw new ArgumentException($"Invalid capacity {capacity}: limits must be positive (the queue may be 0), the gap at a full batch needs MaxBatch, and QueueFullStatus is one of 429, 503, 529.", nameof(options));
        }

        if (limits.RequestsPerMinute < 1 || limits.TokensPerMinute < 1 || limits.InputTokensPerMinute < 1 || limits.OutputTokensPerMinute < 1)
        {
            throw new ArgumentException($"Invalid rate limits {limits}: each must be at least 1 per minute, or null for none.", nameof(options));
        }
    }

    private static IPAddress ConnectableAddress(IPAddress bound)
    {
        if (bound.Equals(IPAddress.Any))
        {
            return IPAddress.Loopback;
        }

        return bound.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : bound;
    }

    private static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new ArgumentException($"Host '{host}' is not an IP address or 'localhost'.", nameof(host));
    }
}
