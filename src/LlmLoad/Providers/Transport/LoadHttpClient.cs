using System.Net;

namespace LlmLoad.Providers.Transport;

/// <summary>The one HttpClient of a run, tuned for thousands of long-lived concurrent streams.</summary>
internal static class LoadHttpClient
{
    public static HttpClient Create()
    {
        var handler = new SocketsHttpHandler
        {
            // The default cap is already unlimited; saying so makes the intent explicit: a load tester
            // must never queue requests behind a per-host connection limit it imposed itself.
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        return new HttpClient(handler)
        {
            // Per-request timeouts are ours (error class "timeout"); HttpClient's own would throw a
            // different exception and cap every request at 100 s.
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
    }
}
