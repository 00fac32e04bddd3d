using System.Text;

namespace LlmLoad.Tests.Support;

/// <summary>Builds OpenAI chat-completion SSE events as the real API frames them.</summary>
internal static class Sse
{
    public const string Id = "chatcmpl-test123";

    public static string Role() => Event("""{"id":"chatcmpl-test123","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}""");

    public static string Content(string text) => Event($$"""{"id":"chatcmpl-test123","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"{{text}}"},"logprobs":null,"finish_reason":null}],"usage":null}""");

    public static string Finish(string reason) => Event($$"""{"id":"chatcmpl-test123","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"{{reason}}"}],"usage":null}""");

    public static string Usage(int prompt, int completion, int cached = 0) => Event($$$$"""{"id":"chatcmpl-test123","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":{{{{prompt}}}},"completion_tokens":{{{{completion}}}},"total_tokens":{{{{prompt + completion}}}},"prompt_tokens_details":{"cached_tokens":{{{{cached}}}},"audio_tokens":0}}}""");

    public static string Done() => "data: [DONE]\n\n";

    public static string Event(string json) => $"data: {json}\n\n";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
