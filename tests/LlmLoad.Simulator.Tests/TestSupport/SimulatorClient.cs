using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests.TestSupport;

/// <summary>A plain HttpClient against one simulator, reading SSE strictly as the wire format says.</summary>
public sealed class SimulatorClient : IDisposable
{
    private const int MaxLines = 100_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    public SimulatorClient(SimulatorServer server)
    {
        _http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout };
    }

    /// <summary>Options with no delays, for tests about content and shape rather than timing.</summary>
    public static SimulatorOptions Instant { get; } = new()
    {
        TimeToFirstTokenMs = new(0, 0),
        InterTokenLatencyMs = new(0, 0),
    };

    public static string ChatBody(object body) => JsonSerializer.Serialize(body);

    public Task<HttpResponseMessage> PostAsync(string json, string path = "v1/chat/completions")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<JsonElement> PostForJsonAsync(string json)
    {
        using var response = await PostAsync(json);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Sends a streaming request and reads every event; fails on anything but "data: …" + blank line.</summary>
    public async Task<(HttpResponseMessage Response, List<SseEvent> Events)> StreamAsync(string json)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await PostAsync(json);
        Assert.Equal(200, (int)response.StatusCode);
        return (response, await ReadEventsAsync(response, started));
    }

    public static async Task<List<SseEvent>> ReadEventsAsync(HttpResponseMessage response, long started)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new List<SseEvent>();
        for (var lines = 0; lines < MaxLines; lines += 2)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            var at = Stopwatch.GetElapsedTime(started);
            if (line is null)
            {
                return events;
            }

            Assert.StartsWith("data: ", line, StringComparison.Ordinal);
            Assert.Equal("", await reader.ReadLineAsync(timeout.Token));
            events.Add(new SseEvent(line["data: ".Length..], at));
        }

        throw new InvalidOperationException($"More than {MaxLines} lines: the stream does not end.");
    }

    public static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;

    public void Dispose() => _http.Dispose();
}
