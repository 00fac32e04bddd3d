using System.Diagnostics;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests.Faults;

/// <summary>One SSE event as received: its <c>event:</c> name (null when absent), its data, when it arrived after the send.</summary>
internal sealed record FaultInjectionEvent(string? Name, string Data, TimeSpan At)
{
    public bool IsJson
    {
        get
        {
            try
            {
                using var _ = JsonDocument.Parse(Data);
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }

    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>
/// What a tolerant SSE client got from a stream that may be faulted: every whole event, and the exception
/// the connection ended with, if it did not end cleanly. Unlike the strict readers in TestSupport it does not
/// fail on bad data, since bad data is what these tests provoke.
/// </summary>
internal sealed record FaultInjectionStream(IReadOnlyList<FaultInjectionEvent> Events, Exception? Failure, FaultInjectionApi Api)
{
    private const int MaxLines = 10_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public IReadOnlyList<FaultInjectionEvent> Content => Events.Where(Api.IsContent).ToList();

    public bool Ended => Events.Any(Api.IsEnd);

    public static async Task<FaultInjectionStream> ReadAsync(HttpResponseMessage response, long started, FaultInjectionApi api)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var events = new List<FaultInjectionEvent>();
        string? name = null;
        string? data = null;
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            for (var i = 0; i < MaxLines; i++)
            {
                var line = await reader.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    return new FaultInjectionStream(events, null, api);
                }

                if (line.Length == 0)
                {
                    if (data is not null)
                    {
                        events.Add(new FaultInjectionEvent(name, data, Stopwatch.GetElapsedTime(started)));
                    }

                    (name, data) = (null, null);
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = data is null ? line["data: ".Length..] : data + "\n" + line["data: ".Length..];
                }
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return new FaultInjectionStream(events, e, api);
        }

        throw new InvalidOperationException($"More than {MaxLines} lines: the stream does not end.");
    }
}
