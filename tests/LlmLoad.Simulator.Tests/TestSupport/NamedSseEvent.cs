using System.Diagnostics;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests.TestSupport;

/// <summary>One <c>event:</c> + <c>data:</c> pair as the client received it, with the time since the request was sent.</summary>
public sealed record NamedSseEvent(string Name, string Data, TimeSpan At)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    private const int MaxEvents = 100_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Reads every event of a stream (Anthropic's, OpenAI Responses'); fails on anything but "event: …", "data: …", blank line.</summary>
    public static async Task<List<NamedSseEvent>> ReadAllAsync(HttpResponseMessage response, long started)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<NamedSseEvent>();
        for (var i = 0; i < MaxEvents; i++)
        {
            var name = await reader.ReadLineAsync(timeout.Token);
            if (name is null)
            {
                return events;
            }

            var data = await reader.ReadLineAsync(timeout.Token);
            var at = Stopwatch.GetElapsedTime(started);
            Assert.StartsWith("event: ", name, StringComparison.Ordinal);
            Assert.StartsWith("data: ", data, StringComparison.Ordinal);
            Assert.Equal("", await reader.ReadLineAsync(timeout.Token));
            events.Add(new NamedSseEvent(name["event: ".Length..], data!["data: ".Length..], at));
        }

        throw new InvalidOperationException($"More than {MaxEvents} events: the stream does not end.");
    }

    /// <summary>delta.text of a <c>content_block_delta</c>, else null.</summary>
    public string? Text => Name == "content_block_delta" ? Json.GetProperty("delta").GetProperty("text").GetString() : null;
}
