using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// The SSE events of one streamed response as ready-made bytes. Every chunk shares the same head
/// (id, created, model), so it is encoded once per request and a content chunk is then just
/// head + word + fixed tail: no JSON serialization per token, which is what lets one small box
/// serve tens of thousands of chunks per second.
/// </summary>
internal sealed class ChunkTemplates
{
    private readonly string _head;
    private readonly ChatAnswerFields _fields;

    /// <param name="fields">What the service adds to each choice (Azure's content filter results); none for OpenAI.</param>
    /// <param name="reasoningField">The delta field reasoning text is streamed in (<see cref="SimulatedReasoning.ChatField"/>), when it is streamed.</param>
    public ChunkTemplates(CompletionPlan plan, ChatAnswerFields? fields = null, string? reasoningField = null)
    {
        _fields = fields ?? ChatAnswerFields.None;
        // Relaxed escaping keeps a model name such as "org/model+v2" readable; quotes and control
        // characters are still escaped, and the output is never embedded in HTML.
        var model = JsonEncodedText.Encode(plan.Model, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _head = string.Create(
            CultureInfo.InvariantCulture,
            $$"""data: {"id":"{{plan.Id}}","object":"chat.completion.chunk","created":{{plan.Created}},"model":"{{model}}","system_fingerprint":"fp_llmload","choices":[""");
        ContentPrefix = Encoding.UTF8.GetBytes(_head + "{\"index\":0,\"delta\":{\"content\":\"");
        ReasoningPrefix = reasoningField is null ? [] : Encoding.UTF8.GetBytes(_head + "{\"index\":0,\"delta\":{\"" + reasoningField + "\":\"");
        ContentSuffix = Encoding.UTF8.GetBytes("\"},\"logprobs\":null,\"finish_reason\":null" + _fields.ContentChoice?.Appended + "}],\"usage\":null}\n\n");
    }

    /// <summary>Head up to the opening quote of a tool call's <c>arguments</c> fragment; the word and <see cref="ToolSuffix"/> follow.</summary>
    public byte[] ToolPrefix => Encoding.UTF8.GetBytes(_head + "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"");

    public static byte[] ToolSuffix { get; } = "\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"u8.ToArray();

    /// <summary>The call's first chunk, with the answer's first token: its id, type and name, and the arguments' opening.</summary>
    public byte[] ToolOpening(ToolCallPlan call) => Event(
        "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"" + call.CallId + "\",\"type\":\"function\",\"function\":{\"name\":"
        + ToolCallPlan.JsonString(call.Name) + ",\"arguments\":" + ToolCallPlan.JsonString(ToolCallPlan.ArgumentsOpening) + "}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");

    /// <summary>The arguments' last fragment, after the last token.</summary>
    public byte[] ToolClosing() => Event(
        "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + ToolCallPlan.JsonString(ToolCallPlan.ArgumentsClosing) + "}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");

    /// <summary>As <see cref="ContentPrefix"/>, for a reasoning token (vLLM's and DeepSeek's <c>delta.reasoning_content</c>); <see cref="ContentSuffix"/> follows it too.</summary>
    public byte[] ReasoningPrefix { get; }

    /// <summary>Head up to the opening quote of <c>delta.content</c>; the word and <see cref="ContentSuffix"/> follow.</summary>
    public byte[] ContentPrefix { get; }

    /// <summary>Closes a content chunk after the word.</summary>
    public byte[] ContentSuffix { get; }

    public static ReadOnlyMemory<byte> Done { get; } = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>The first event: the assistant role with empty content, which carries no token.</summary>
    public byte[] Role() => Event($$"""{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null{{_fields.EmptyChoice?.Appended}}}],"usage":null}""");

    public byte[] Finish(string finishReason) => Event($$"""{"index":0,"delta":{},"logprobs":null,"finish_reason":"{{finishReason}}"{{_fields.EmptyChoice?.Appended}}}],"usage":null}""");

    /// <summary>The extra chunk <c>stream_options.include_usage</c> asks for: no choices, full usage.</summary>
    public byte[] Usage(CompletionPlan plan) => Event($"],\"usage\":{UsageJson.Format(plan.PromptTokens, plan.CompletionTokens, plan.CachedPromptTokens, plan.ReasoningTokens)}}}");

    private byte[] Event(string afterHead) => Encoding.UTF8.GetBytes(_head + afterHead + "\n\n");
}
