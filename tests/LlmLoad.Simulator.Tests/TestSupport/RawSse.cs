using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests.TestSupport;

/// <summary>One SSE event of a whole body: its <c>event:</c> name (null when it has none) and its data.</summary>
public sealed record RawSseEvent(string? Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    /// <summary>The value of <c>type</c> in the data, else null.</summary>
    public string? Type => Data.StartsWith('{') && Json.TryGetProperty("type", out var type) ? type.GetString() : null;
}

/// <summary>Posts a JSON body to any simulator route and splits the whole SSE answer into events, for tests of shape rather than timing.</summary>
public static class RawSse
{
    public static async Task<(int Status, string Body)> PostAsync(SimulatorServer server, string path, string json, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "test");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static List<RawSseEvent> Parse(string body)
    {
        var events = new List<RawSseEvent>();
        foreach (var block in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            var data = "";
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }

            events.Add(new RawSseEvent(name, data));
        }

        return events;
    }
}
