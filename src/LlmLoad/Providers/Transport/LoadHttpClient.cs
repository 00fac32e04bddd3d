using System.Net;

namespace LlmLoad.Providers.Transport;

/// <summary>The one HttpClient of a run, tuned for thousands of long-lived concurrent streams.</summary>
internal static class LoadHttpClient
{
    /// <param name="target">The base URL: with <see cref="HttpTransport.Http2"/>, a cleartext one gets HTTP/2 with prior knowledge, a TLS one negotiates it.</param>
    public static HttpClient Create(HttpTransport transport, Uri target)
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
        if (transport.Insecure)
        {
            // The user asked for exactly this, for a self-signed test endpoint; the flag's help says the risk.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        var cleartext = target.Scheme == Uri.UriSchemeHttp;
        return new HttpClient(handler)
        {
            // Per-request timeouts are ours (error class "timeout"); HttpClient's own would throw a
            // different exception and cap every request at 100 s.
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = transport.Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            // HTTP/1.1 unless asked: as the providers' SDKs send by default, so the numbers are the ones users' apps see.
            DefaultVersionPolicy = transport.Http2 && cleartext ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };
    }
}
