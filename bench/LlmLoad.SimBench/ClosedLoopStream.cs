using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace LlmLoad.SimBench;

/// <summary>One stream of the closed loop: sends a streaming chat completion, reads it to the end, and sends the next.</summary>
internal sealed class ClosedLoopStream(HttpClient client, Uri endpoint, byte[] body, int contentTokens, Gauges gauges, ArrivalLagProbe? probe)
{
    // Large enough that a read takes whatever the socket holds: when the driver falls behind, fewer reads, not more.
    private readonly byte[] _buffer = new byte[16 * 1024];
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public StreamTally Tally { get; } = new();

    /// <summary>Static so that the first error of the run, not of every stream, reaches stderr.</summary>
    private static int s_reported;

    /// <param name="sending">While not cancelled, a finished request is followed by the next one.</param>
    /// <param name="abort">Cuts the request in flight (the grace after the run has run out).</param>
    public async Task RunAsync(CancellationToken sending, CancellationToken abort)
    {
        while (!sending.IsCancellationRequested)
        {
            if (!await SendOneAsync(abort) && !sending.IsCancellationRequested)
            {
                // A refusing server must not turn the loop into a busy spin that eats the shared CPU.
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }

    private async Task<bool> SendOneAsync(CancellationToken abort)
    {
        gauges.InFlight.Enter();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Version = HttpVersion.Version11,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
            };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abort);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Tally.StatusErrors++;
                Report($"HTTP {(int)response.StatusCode}");
                return false;
            }

            gauges.Open.Enter();
            try
            {
                return await ReadEventsAsync(response, abort);
            }
            finally
            {
                gauges.Open.Leave();
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            Tally.TransportErrors++;
            Report(ex.GetBaseException().Message);
            return false;
        }
        finally
        {
            gauges.InFlight.Leave();
        }
    }

    private async Task<bool> ReadEventsAsync(HttpResponseMessage response, CancellationToken abort)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(abort);
        var scanner = default(SseEventScanner);
        var events = 0;
        long roleArrivedAt = 0;
        int read;
        while ((read = await stream.ReadAsync(_buffer, abort)) > 0)
        {
            var found = scanner.Count(_buffer.AsSpan(0, read));
            if (probe is not null && found > 0)
            {
                var readAt = Stopwatch.GetTimestamp();
                roleArrivedAt = events == 0 ? readAt : roleArrivedAt;
                probe.Record(events + 1, events + found, contentTokens, roleArrivedAt, readAt);
            }

            events += found;
            Volatile.Write(ref Tally.Events, Tally.Events + found);
        }

        var expectedEvents = contentTokens + RunReport.FramingEventsPerResponse;

        if (events != expectedEvents)
        {
            Tally.Truncated++;
            Report($"response ended after {events} of {expectedEvents} events");
            return false;
        }

        Tally.Completed++;
        return true;
    }

    private static void Report(string error)
    {
        if (Interlocked.Exchange(ref s_reported, 1) == 0)
        {
            Console.Error.WriteLine($"simbench: first error: {error}");
        }
    }
}

/// <summary>Client-side concurrency: requests sent and not finished, and streams whose 200 headers arrived and whose body has not ended.</summary>
internal sealed class Gauges
{
    public StreamGauge InFlight { get; } = new();

    public StreamGauge Open { get; } = new();
}
