using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.GenerateContent;

/// <summary>The body of a <c>:generateContent</c> response: one GenerateContentResponse, pretty-printed as the live API sends it.</summary>
internal static class GenerateContentBody
{
    private static readonly JsonWriterOptions Pretty = new() { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="thoughts">The thinking text: a <c>thought: true</c> part before the answer's, when the request asks for thoughts.</param>
    public static ArrayBufferWriter<byte> Build(GenerateContentRequest request, CompletionPlan plan, ReadOnlySpan<byte> thoughts, ReadOnlySpan<byte> text)
    {
        var body = new ArrayBufferWriter<byte>(thoughts.Length + text.Length + 768);
        using var json = new Utf8JsonWriter(body, Pretty);
        json.WriteStartObject();
        json.WriteStartArray("candidates");
        json.WriteStartObject();
        json.WriteStartObject("content");
        json.WriteStartArray("parts");
        if (plan.ReasoningTokens > 0 && request.IncludeThoughts)
        {
            json.WriteStartObject();
            json.WriteString("text", thoughts);
            json.WriteBoolean("thought", true);
            json.WriteEndObject();
        }

        json.WriteStartObject();
        if (plan.ToolCall is { } call)
        {
            json.WriteStartObject("functionCall");
            json.WriteString("name", call.Name);
            json.WritePropertyName("args");
            json.WriteRawValue(ToolCallPlan.Arguments(text));
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("text", text);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("role", "model");
        json.WriteEndObject();
        json.WriteString("finishReason", plan.ToolCall is null ? request.FinishReason : "STOP");
        json.WriteNumber("index", 0);
        json.WriteEndObject();
        json.WriteEndArray();

        // Zero counts are left out, as proto3 JSON leaves them; the cached part is inside promptTokenCount too.
        json.WriteStartObject("usageMetadata");
        json.WriteNumber("promptTokenCount", plan.PromptTokens);
        // Thoughts are counted apart: candidatesTokenCount is the answer, the total has both.
        if (plan.AnswerTokens > 0)
        {
            json.WriteNumber("candidatesTokenCount", plan.AnswerTokens);
        }

        json.WriteNumber("totalTokenCount", plan.PromptTokens + plan.CompletionTokens);
        if (plan.CachedPromptTokens > 0)
        {
            json.WriteNumber("cachedContentTokenCount", plan.CachedPromptTokens);
        }

        json.WriteStartArray("promptTokensDetails");
        json.WriteStartObject();
        json.WriteString("modality", "TEXT");
        json.WriteNumber("tokenCount", plan.PromptTokens);
        json.WriteEndObject();
        json.WriteEndArray();
        if (plan.ReasoningTokens > 0)
        {
            json.WriteNumber("thoughtsTokenCount", plan.ReasoningTokens);
        }

        json.WriteEndObject();
        json.WriteString("modelVersion", plan.Model);
        json.WriteString("responseId", plan.Id);
        json.WriteEndObject();
        json.Flush();
        return body;
    }
}
