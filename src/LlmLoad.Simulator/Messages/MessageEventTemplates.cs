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
/// </summary>
internal static class MessageEventTemplates
{
    /// <summary>Up to the opening quote of <c>delta.text</c>; the word and <see cref="DeltaSuffix"/> follow.</summary>
    public static byte[] DeltaPrefix { get; } =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""u8.ToArray();

    public static byte[] DeltaSuffix { get; } = "\"}}\n\n"u8.ToArray();

    /// <summary>As <see cref="DeltaPrefix"/>, for the text block that follows a thinking block (index 1).</summary>
    public static byte[] DeltaAfterThinkingPrefix { get; } =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\""u8.ToArray();

    /// <summary>Up to the opening quote of a <c>thinking_delta</c>'s text in the thinking block (index 0); <see cref="DeltaSuffix"/> follows.</summary>
    public static byte[] ThinkingDeltaPrefix { get; } =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\""u8.ToArray();

    /// <summary>
    /// What ends the thinking right before the first text token: the block's <c>signature_delta</c>, its stop, and the
    /// text block's start (wire order of Anthropic's extended-thinking streams).
    /// </summary>
    public static byte[] ThinkingToText(CompletionPlan plan) => Encoding.UTF8.GetBytes(
        Event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"" + ThinkingSignature.For(plan) + "\"}}")
        + Event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
        + Event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));

    /// <summary>
    /// <c>message_start</c> (usage counts one output token, as the real API does), the empty text block (or, when the model thinks first,
    /// the empty thinking block) and a <c>ping</c> (written with its space, byte for byte), all sent the moment the request is accepted.
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
            + Event("content_block_start", plan.ReasoningTokens > 0
                ? "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"
                : "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
            + Event("ping", "{\"type\": \"ping\"}"));
    }

    /// <summary>Closes the block, then the message; <c>output_tokens</c> is cumulative, so it is the final count.</summary>
    public static byte[] Closing(CompletionPlan plan) => Encoding.UTF8.GetBytes(
        Event("content_block_stop", plan.ReasoningTokens > 0 ? "{\"type\":\"content_block_stop\",\"index\":1}" : "{\"type\":\"content_block_stop\",\"index\":0}")
        + Event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + MessagesRequest.StopReason
            + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + plan.CompletionTokens.ToString(CultureInfo.InvariantCulture) + "}}")
        + Event("message_stop", "{\"type\":\"message_stop\"}"));

    private static string Event(string name, string json) => "event: " + name + "\ndata: " + json + "\n\n";
}
