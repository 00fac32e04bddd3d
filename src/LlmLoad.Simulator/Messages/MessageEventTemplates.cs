using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// The SSE events of one streamed Messages response as ready-made bytes, in the real sequence
/// (wire-formats.md §3): only the opening and closing events carry per-request values, so each token's
/// <c>content_block_delta</c> is a fixed prefix + word + fixed suffix, with no JSON serialization per token.
/// The answer is a text block, or a <c>tool_use</c> block whose input streams as <c>input_json_delta</c>s; with extended
/// thinking a <c>thinking</c> block comes first (index 0) and the answer's block is index 1.
/// </summary>
internal static class MessageEventTemplates
{
    /// <summary>Up to the opening quote of <c>delta.text</c>; the word and <see cref="DeltaSuffix"/> follow.</summary>
    public static byte[] DeltaPrefix { get; } = Encoding.UTF8.GetBytes(AnswerDeltaHead(0, toolUse: false));

    public static byte[] DeltaSuffix { get; } = "\"}}\n\n"u8.ToArray();

    /// <summary>Up to the opening quote of a <c>thinking_delta</c>'s text in the thinking block (index 0); <see cref="DeltaSuffix"/> follows.</summary>
    public static byte[] ThinkingDeltaPrefix { get; } =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\""u8.ToArray();

    /// <summary>As <see cref="DeltaPrefix"/>, for the plan's answer block: text or a tool's input, after any thinking block.</summary>
    public static byte[] AnswerDeltaPrefix(CompletionPlan plan) => Encoding.UTF8.GetBytes(AnswerDeltaHead(AnswerIndex(plan), plan.ToolCall is not null));

    /// <summary>
    /// What comes right before the first answer token: after thinking, the block's <c>signature_delta</c> and stop and the
    /// answer block's start (wire order of Anthropic's extended-thinking streams); for a tool call, its input's opening fragment.
    /// </summary>
    public static byte[] AnswerOpening(CompletionPlan plan)
    {
        var events = new StringBuilder();
        if (plan.ReasoningTokens > 0)
        {
            events.Append(Event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"" + ThinkingSignature.For(plan) + "\"}}"))
                .Append(Event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"))
                .Append(BlockStart(plan, 1));
        }

        if (plan.ToolCall is not null)
        {
            events.Append(AnswerDeltaHead(AnswerIndex(plan), toolUse: true)).Append(Escaped(ToolCallPlan.ArgumentsOpening)).Append("\"}}\n\n");
        }

        return Encoding.UTF8.GetBytes(events.ToString());
    }

    /// <summary>
    /// <c>message_start</c> (usage counts one output token, as the real API does), the first block's start (text, a tool
    /// use, or when the model thinks first, the empty thinking block) and a <c>ping</c> (written with its space, byte for
    /// byte), all sent the moment the request is accepted.
    /// </summary>
    public static byte[] Opening(CompletionPlan plan)
    {
        // Relaxed escaping keeps a model name such as "org/model+v2" readable; quotes and control
        // characters are still escaped, and the output is never embedded in HTML.
        var model = JsonEncodedText.Encode(plan.Model, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        // input_tokens is what was neither read from nor written to the cache; the three add up to the prompt.
        var inputTokens = plan.PromptTokensOutsideCache.ToString(CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            Event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + plan.Id + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"" + model
                + "\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + inputTokens
                + ",\"cache_creation_input_tokens\":" + plan.CacheWriteTokens.ToString(CultureInfo.InvariantCulture)
                + ",\"cache_read_input_tokens\":" + plan.CachedPromptTokens.ToString(CultureInfo.InvariantCulture) + ",\"output_tokens\":1}}}")
            + (plan.ReasoningTokens > 0
                ? Event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}")
                : BlockStart(plan, 0))
            + Event("ping", "{\"type\": \"ping\"}"));
    }

    /// <summary>
    /// A tool input's closing fragment, the answer block's stop, then the message's; <c>output_tokens</c> is cumulative, so it
    /// is the final count.
    /// </summary>
    public static byte[] Closing(CompletionPlan plan)
    {
        var index = AnswerIndex(plan).ToString(CultureInfo.InvariantCulture);
        var closingFragment = plan.ToolCall is null ? "" : AnswerDeltaHead(AnswerIndex(plan), toolUse: true) + Escaped(ToolCallPlan.ArgumentsClosing) + "\"}}\n\n";
        return Encoding.UTF8.GetBytes(
            closingFragment
            + Event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}")
            + Event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + MessagesRequest.StopReasonOf(plan)
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + plan.CompletionTokens.ToString(CultureInfo.InvariantCulture) + "}}")
            + Event("message_stop", "{\"type\":\"message_stop\"}"));
    }

    private static int AnswerIndex(CompletionPlan plan) => plan.ReasoningTokens > 0 ? 1 : 0;

    private static string AnswerDeltaHead(int index, bool toolUse) =>
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":" + index.ToString(CultureInfo.InvariantCulture)
        + (toolUse ? ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" : ",\"delta\":{\"type\":\"text_delta\",\"text\":\"");

    /// <summary>The answer block's start: an empty text block, or a tool use with its id and name and an empty input.</summary>
    private static string BlockStart(CompletionPlan plan, int index) => Event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index.ToString(CultureInfo.InvariantCulture)
        + (plan.ToolCall is { } call
            ? ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + call.CallId + "\",\"name\":" + ToolCallPlan.JsonString(call.Name) + ",\"input\":{}}}"
            : ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));

    /// <summary>Text inside a JSON string, without its quotes.</summary>
    private static string Escaped(string text) => ToolCallPlan.JsonString(text)[1..^1];

    private static string Event(string name, string json) => "event: " + name + "\ndata: " + json + "\n\n";
}
