using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.GenerateContent;

/// <summary>
/// The SSE events of one streamed response (<c>?alt=sse</c>) as ready-made bytes, in the live API's compact
/// style (<c>"key": value</c>, no space after commas) and framing (<c>data: {…}\r\n\r\n</c>, no event names, no
/// end marker). Each token is one GenerateContentResponse whose only per-token bytes are the word, so a chunk
/// is a fixed prefix + word + a suffix encoded once per request. Every chunk carries <c>usageMetadata</c> with
/// the prompt count, as the API sends it; the final chunk (empty text, the <c>finishReason</c>) has the full count.
/// </summary>
internal sealed class GenerateContentChunkTemplates
{
    /// <summary>Up to the opening quote of the part's <c>text</c>; the word and <see cref="TokenSuffix"/> follow.</summary>
    public static byte[] TokenPrefix { get; } = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \""u8.ToArray();

    private readonly string _tail;

    public GenerateContentChunkTemplates(CompletionPlan plan)
    {
        // Relaxed escaping keeps a model name such as "org/model+v2" readable; quotes and control characters are still escaped.
        var model = JsonEncodedText.Encode(plan.Model, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _tail = string.Create(CultureInfo.InvariantCulture, $"\"modelVersion\": \"{model}\",\"responseId\": \"{plan.Id}\"}}\r\n\r\n");
        var afterPart = "}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": " + Usage(plan, final: false) + "," + _tail;
        TokenSuffix = Encoding.UTF8.GetBytes("\"" + afterPart);
        ThoughtSuffix = Encoding.UTF8.GetBytes("\",\"thought\": true" + afterPart);
    }

    /// <summary>As <see cref="TokenSuffix"/>, for a thought: the part is marked <c>"thought": true</c>.</summary>
    public byte[] ThoughtSuffix { get; }

    /// <summary>Closes the part and the response: role, index, the prompt's usage, model and id.</summary>
    public byte[] TokenSuffix { get; }

    /// <summary>The last chunk: an empty part, the finish reason and the final usage.</summary>
    public byte[] Closing(CompletionPlan plan, string finishReason) => Encoding.UTF8.GetBytes(
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}],\"role\": \"model\"},\"finishReason\": \"" + finishReason
        + "\",\"index\": 0}],\"usageMetadata\": " + Usage(plan, final: true) + "," + _tail);

    /// <summary>The last chunk of a function call: the whole call (name and args), <c>STOP</c>, the final usage.</summary>
    public byte[] FunctionCall(CompletionPlan plan, ReadOnlySpan<byte> words) => Encoding.UTF8.GetBytes(
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": " + ToolCallPlan.JsonString(plan.ToolCall!.Name)
        + ",\"args\": " + ToolCallPlan.Arguments(words) + "}}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": "
        + Usage(plan, final: true) + "," + _tail);

    /// <summary>
    /// <c>usageMetadata</c>: zero counts are left out, as proto3 JSON leaves them; the cached part of the prompt is
    /// in <c>promptTokenCount</c> and counted again in <c>cachedContentTokenCount</c>.
    /// </summary>
    /// <param name="final">The last chunk's: with the answer's count and the thoughts' (thoughts are not candidates), else only the prompt's.</param>
    private static string Usage(CompletionPlan plan, bool final)
    {
        int? candidates = final ? plan.AnswerTokens : null;
        var thoughts = final ? plan.ReasoningTokens : 0;
        var usage = new StringBuilder("{\"promptTokenCount\": ").Append(plan.PromptTokens.ToString(CultureInfo.InvariantCulture));
        if (candidates is > 0)
        {
            usage.Append(",\"candidatesTokenCount\": ").Append(candidates.Value.ToString(CultureInfo.InvariantCulture));
        }

        usage.Append(",\"totalTokenCount\": ").Append((plan.PromptTokens + (candidates ?? 0) + thoughts).ToString(CultureInfo.InvariantCulture));
        if (plan.CachedPromptTokens > 0)
        {
            usage.Append(",\"cachedContentTokenCount\": ").Append(plan.CachedPromptTokens.ToString(CultureInfo.InvariantCulture));
        }

        usage.Append(",\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": ").Append(plan.PromptTokens.ToString(CultureInfo.InvariantCulture)).Append("}]");
        if (thoughts > 0)
        {
            usage.Append(",\"thoughtsTokenCount\": ").Append(thoughts.ToString(CultureInfo.InvariantCulture));
        }

        return usage.Append('}').ToString();
    }
}
