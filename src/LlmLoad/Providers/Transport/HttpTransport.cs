namespace LlmLoad.Providers.Transport;

/// <summary>How the run's connections are made, beyond the defaults (HTTP/1.1, certificates verified).</summary>
/// <param name="Insecure">
/// Accepts any TLS certificate (<c>--insecure</c>): a self-signed test endpoint, never a production API,
/// since anyone between llmload and the server could then read the key.
/// </param>
/// <param name="Http2">
/// Asks for HTTP/2 (<c>--http2</c>): over TLS it is negotiated (ALPN) and a server without it answers in
/// HTTP/1.1; over cleartext there is nothing to negotiate, so it is sent with prior knowledge (h2c) and a
/// server that speaks only HTTP/1.1 fails the request.
/// </param>
/// <param name="Preconnect">Connections to open before the clock starts (<c>--preconnect</c>); null for what the first second needs.</param>
internal sealed record HttpTransport(bool Insecure = false, bool Http2 = false, int? Preconnect = null)
{
    public static HttpTransport Default { get; } = new();

    public override string ToString() => (Insecure, Http2) switch
    {
        (false, false) => "HTTP/1.1",
        (false, true) => "HTTP/2",
        (true, false) => "HTTP/1.1, TLS certificates not verified",
        (true, true) => "HTTP/2, TLS certificates not verified",
    };
}
