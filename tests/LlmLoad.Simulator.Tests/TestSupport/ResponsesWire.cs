using System.Diagnostics;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests.TestSupport;

/// <summary>Requests to the simulator's <c>POST /v1/responses</c> over plain HTTP, its stream read strictly as named SSE events.</summary>
internal static class ResponsesWire
{
    public const string Path = "v1/responses";

    public static string Body(int? maxOutputTokens, bool stream, string prompt = "hi", string? instructions = null)
        => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = "gpt-test",
            ["instructions"] = instructions,
            ["input"] = new[] { new { role = "user", content = prompt } },
            ["max_output_tokens"] = maxOutputTokens,
            ["stream"] = stream,
        });

    public static async Task<(HttpResponseMessage Response, List<NamedSseEvent> Events)> StreamAsync(SimulatorServer server, string body)
    {
        using var client = new SimulatorClient(server);
        var started = Stopwatch.GetTimestamp();
        var response = await client.PostAsync(body, Path);
        Assert.Equal(200, (int)response.StatusCode);
        return (response, await NamedSseEvent.ReadAllAsync(response, started));
    }
}
