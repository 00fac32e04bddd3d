using System.Net.Http.Headers;
using System.Text;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// OpenAI's legacy completions (<c>POST {base}/completions</c>), still served by vLLM, TGI and llama.cpp:
/// one <c>prompt</c> string in, <c>choices[].text</c> out. The answer's usage, finish reason, errors and
/// stream framing are chat completions' own, so the <see cref="OpenAiChatFormat"/> reads them, and the key
/// travels as it does there.
/// </summary>
internal sealed record OpenAiCompletionsFormat : IWireFormat
{
    private static readonly OpenAiChatFormat Chat = new();

    public static Provider Provider { get; } = new("openai-completions", "legacy completions", "OPENAI_API_KEY", "Authorization: Bearer", Create)
    {
        ListsModels = true,
    };

    public Uri Endpoint(Uri baseUrl, string model, bool stream) => WireJson.Endpoint(baseUrl, "/completions");

    public void AddHeaders(HttpRequestMessage request, string? apiKey) => Chat.AddHeaders(request, apiKey);

    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream) => WireJson.Body(messages, json =>
    {
        json.WriteString("model", model);
        json.WriteString("prompt", Prompt(messages));
        json.WriteNumber("max_tokens", maxTokens);
        OpenAiChatFormat.WriteStream(json, stream);
    });

    /// <summary>
    /// The conversation as one text: a lone user turn is its text as it is; otherwise each turn is
    /// <c>Role: text</c>, separated by a blank line, with a closing <c>Assistant:</c> for the model to continue.
    /// A shared system prompt so stays a prefix of every prompt, as a server's prefix cache needs.
    /// </summary>
    public static string Prompt(IReadOnlyList<ChatTurn> messages)
    {
        if (messages is [{ Role: "user" } only])
        {
            return only.Content;
        }

        var prompt = new StringBuilder(messages.Sum(m => m.Content.Length + 16) + 16);
        foreach (var message in messages)
        {
            prompt.Append(Label(message.Role)).Append(": ").Append(message.Content).Append("\n\n");
        }

        return prompt.Append("Assistant:").ToString();
    }

    public bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
        => Chat.ApplyStreamEvent(eventType, data, arrivedAt, capture);

    public void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture) => Chat.ApplyBody(body, arrivedAt, capture);

    public RateLimitObservation ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => Chat.ReadRateLimits(headers, now);

    private static string Label(string role) => role switch
    {
        "system" => "System",
        "assistant" => "Assistant",
        _ => "User",
    };

    /// <summary>The legacy API has one output cap, <c>max_tokens</c>: a field chosen for chat completions is a mistake here.</summary>
    /// <summary>Legacy completions always take <c>max_tokens</c>; a <c>max-tokens-field</c> is refused by the registry check.</summary>
    private static OpenAiCompletionsFormat Create(ScenarioSettings settings, List<string> errors) => new();
}
