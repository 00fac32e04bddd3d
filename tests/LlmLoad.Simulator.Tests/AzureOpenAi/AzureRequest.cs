using System.Diagnostics;
using System.Text;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.AzureOpenAi;

/// <summary>Azure OpenAI requests as a plain HttpClient sends them: its two URLs, a key in <c>api-key</c> or as a bearer token.</summary>
internal static class AzureRequest
{
    public const string DeploymentPath = "openai/deployments/gpt-4o-deploy/chat/completions?api-version=2024-10-21";

    public const string V1Path = "openai/v1/chat/completions";

    public static string Body(int maxTokens, bool stream, string? model = null) => SimulatorClient.ChatBody(stream
        ? new { model, messages = new[] { new { role = "user", content = "Say hello." } }, max_tokens = maxTokens, stream, stream_options = new { include_usage = true } }
        : (object)new { model, messages = new[] { new { role = "user", content = "Say hello." } }, max_tokens = maxTokens });

    public static async Task<HttpResponseMessage> PostAsync(SimulatorServer server, string path, string body, string? apiKey = null, string? bearer = null)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("api-key", apiKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public static async Task<List<SseEvent>> StreamAsync(SimulatorServer server, string path, string body)
    {
        var response = await PostAsync(server, path, body);
        Assert.Equal(200, (int)response.StatusCode);
        return await SimulatorClient.ReadEventsAsync(response, Stopwatch.GetTimestamp());
    }
}
