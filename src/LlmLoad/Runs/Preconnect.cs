using System.Net.Http.Headers;
using LlmLoad.Engine;
using LlmLoad.Providers;
using LlmLoad.Providers.Transport;

namespace LlmLoad.Runs;

/// <summary>
/// Connections opened before the clock starts, so that the first second's arrivals do not wait for TCP and TLS
/// handshakes, nor for the client's own HTTP code to be compiled (JIT), which is what made the first arrivals
/// of an open loop leave 100–140 ms late. Each connection is opened by a HEAD request to the endpoint: no API
/// bills one, no server generates anything for it, and any answer (405, 404, 401) leaves the connection pooled.
/// </summary>
internal static class Preconnect
{
    /// <summary>The most opened by default: beyond this the handshakes themselves become a load on the target.</summary>
    public const int DefaultMost = 1000;

    /// <summary>How long the handshakes may take in all before the run starts anyway.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Connections the first second needs: what <paramref name="transport"/> asks for, else by Little's law no
    /// more than the requests that can be in flight by then: the open loop's arrivals in its first second (capped
    /// by its concurrency cap), or the closed loop's users; one over HTTP/2, which multiplexes them.
    /// </summary>
    public static int Connections(LoadShape shape, HttpTransport transport)
    {
        if (transport.Preconnect is { } asked)
        {
            return asked;
        }

        if (transport.Http2)
        {
            return 1;
        }

        double needed;
        if (shape.IsOpenLoop)
        {
            var arrivals = shape.Arrivals();
            var inFirstSecond = 0;
            while (inFirstSecond < DefaultMost * shape.Segment.Count && arrivals.Next() is { Offset.TotalSeconds: < 1 })
            {
                inFirstSecond++;
            }

            needed = Math.Min((double)inFirstSecond / shape.Segment.Count, shape.Concurrency ?? int.MaxValue);
        }
        else
        {
            var users = shape.Stages?.Curve.LevelAt(1) ?? shape.Concurrency ?? 1;
            needed = users / shape.Segment.Count;
        }

        needed = Math.Min(needed, shape.Requests is { } requests ? requests + shape.WarmupRequests : double.MaxValue);
        return (int)Math.Min(DefaultMost, Math.Ceiling(needed));
    }

    /// <summary>Opens up to <paramref name="connections"/> connections to <paramref name="endpoint"/> at once; returns how many handshakes were answered.</summary>
    public static async Task<int> OpenAsync(HttpClient http, IWireFormat format, TargetSettings target, Uri endpoint, int connections, CancellationToken cancellationToken)
    {
        if (connections <= 0)
        {
            return 0;
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        // All sent before any is awaited: a request that found an idle connection would not open another.
        var answered = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => HeadAsync(http, format, target, endpoint, patience.Token))).ConfigureAwait(false);
        return answered.Count(a => a);
    }

    private static async Task<bool> HeadAsync(HttpClient http, IWireFormat format, TargetSettings target, Uri endpoint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, endpoint) { Version = http.DefaultRequestVersion, VersionPolicy = http.DefaultVersionPolicy };
        format.AddHeaders(request, target.ApiKey);
        foreach (var header in target.Headers)
        {
            request.Headers.Remove(header.Name);
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // A target that refuses these still gets its run: the first requests then open their own connections.
            return false;
        }
    }
}
