namespace LlmLoad.LoadBench;

/// <summary>
/// Client value − simulator value, per response id, over measured successful requests: how much the
/// client's own work (scheduling, reading, parsing, GC) adds to what it reports.
/// </summary>
/// <remarks>
/// The TTFT error splits into two legs: request (client send → simulator handler) and response
/// (simulator flush of the first content → client timestamp). Both processes read the same
/// CLOCK_MONOTONIC, but the client writes times relative to its own start, so the offset between the
/// two is estimated as the smallest (server received − client sent) over the run: each leg is then
/// exact up to that smallest request leg (tens of microseconds on loopback), and says which side of
/// the exchange the error comes from.
/// </remarks>
internal sealed record MeasurementError(
    int Measured,
    int Matched,
    Distribution TtftErrorMs,
    Distribution E2eErrorMs,
    Distribution ServerTtftMs,
    Distribution ServerE2eMs,
    Distribution RequestLegMs,
    Distribution ResponseLegMs)
{
    public static MeasurementError Of(IReadOnlyList<ClientRequest> requests, IReadOnlyDictionary<string, ServerResponse> truth)
    {
        var ttft = new List<double>();
        var e2e = new List<double>();
        var serverTtft = new List<double>();
        var serverE2e = new List<double>();
        var legs = new List<(double ReceivedMinusSentMs, double FirstArrivedMinusSentMs, double FirstSentMs)>();
        var measured = 0;
        foreach (var request in requests)
        {
            if (request.Warmup || !request.Succeeded)
            {
                continue;
            }

            measured++;
            if (request.ResponseId is not { } id || !truth.TryGetValue(id, out var server))
            {
                continue;
            }

            serverTtft.Add(server.TtftMs);
            serverE2e.Add(server.E2eMs);
            if (request.TtftMs is { } clientTtft)
            {
                ttft.Add(clientTtft - server.TtftMs);
                legs.Add((
                    (server.ReceivedNs / NanosecondsPerMillisecond) - request.SentMs,
                    request.SentMs + clientTtft,
                    server.FirstContentSentNs / NanosecondsPerMillisecond));
            }

            if (request.E2eMs is { } clientE2e)
            {
                e2e.Add(clientE2e - server.E2eMs);
            }
        }

        // Server clock = client run clock + offset, taken where the request leg is shortest.
        var offset = legs.Count == 0 ? 0 : legs.Min(l => l.ReceivedMinusSentMs);
        return new MeasurementError(
            measured,
            serverTtft.Count,
            Distribution.Of(ttft),
            Distribution.Of(e2e),
            Distribution.Of(serverTtft),
            Distribution.Of(serverE2e),
            Distribution.Of(legs.Select(l => l.ReceivedMinusSentMs - offset)),
            Distribution.Of(legs.Select(l => l.FirstArrivedMinusSentMs + offset - l.FirstSentMs)));
    }

    private const double NanosecondsPerMillisecond = 1_000_000;
}
