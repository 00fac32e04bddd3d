using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Completions;

/// <summary>The body of a legacy completion as one <c>text_completion</c> JSON object, for <c>stream: false</c>.</summary>
internal static class CompletionBody
{
    public static ArrayBufferWriter<byte> Build(CompletionRequest request, CompletionPlan plan, ReadOnlySpan<byte> text)
    {
        var body = new ArrayBufferWriter<byte>(text.Length + 512);
        using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("id", plan.Id);
        json.WriteString("object", "text_completion");
        json.WriteNumber("created", plan.Created);
        json.WriteString("model", plan.Model);
        json.WriteString("system_fingerprint", "fp_llmload");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteString("text", text);
        json.WriteNumber("index", 0);
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", request.FinishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WritePropertyName("usage");
        json.WriteRawValue(UsageJson.Format(plan.PromptTokens, plan.CompletionTokens, plan.CachedPromptTokens), skipInputValidation: true);
        json.WriteEndObject();
        json.Flush();
        return body;
    }
}
