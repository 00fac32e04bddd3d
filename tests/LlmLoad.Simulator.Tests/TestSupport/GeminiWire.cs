using System.Text;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests.TestSupport;

/// <summary>Requests to the simulator's Gemini API over plain HTTP, the stream read as raw bytes so its CRLF framing shows.</summary>
internal static class GeminiWire
{
    public const string Model = "gemini-test";
    public const string StreamPath = "v1beta/models/" + Model + ":streamGenerateContent?alt=sse";
    public const string BufferedPath = "v1beta/models/" + Model + ":generateContent";

    public static string Body(int? maxOutputTokens, string prompt = "hi", string? system = null)
    {
        var body = new Dictionary<string, object>
        {
            ["contents"] = new[] { new { role = "user", parts = new[] { new { text = prompt } } } },
        };
        if (system is not null)
        {
            body["systemInstruction"] = new { parts = new[] { new { text = system } } };
        }

        if (maxOutputTokens is { } max)
        {
            body["generationConfig"] = new { maxOutputTokens = max };
        }

        return JsonSerializer.Serialize(body);
    }

    /// <param name="key">Sent as x-goog-api-key unless null; put it in the path's <c>?key=</c> to send it that way.</param>
    public static async Task<(int Status, HttpResponseMessage Response, string Body)> PostAsync(SimulatorServer server, string path, string body, string? key = "test-key")
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("x-goog-api-key", key);
        }

        var response = await http.SendAsync(request);
        return ((int)response.StatusCode, response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The events of an SSE body framed as the live API frames them: <c>data: {json}</c>, CRLF CRLF, nothing else.</summary>
    public static List<JsonElement> Events(string body)
    {
        Assert.EndsWith("\r\n\r\n", body, StringComparison.Ordinal);
        // Every line break is CRLF: no bare LF anywhere.
        Assert.DoesNotContain('\n', body.Replace("\r\n", "", StringComparison.Ordinal));
        var events = body[..^4].Split("\r\n\r\n");
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        return events.Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
    }

    /// <summary>The <c>error</c> object of Google's envelope.</summary>
    public static JsonElement Error(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error");
}
