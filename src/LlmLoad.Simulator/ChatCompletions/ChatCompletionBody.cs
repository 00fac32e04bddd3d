using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>The body of a response as one <c>chat.completion</c> JSON object, for <c>stream: false</c>.</summary>
internal static class ChatCompletionBody
{
    /// <param name="fields">What the service adds to OpenAI's body (Azure's content filter results); none for OpenAI.</param>
    /// <param name="reasoningField">The message field of the reasoning text, or null when the server shows none.</param>
    public static ArrayBufferWriter<byte> Build(
        ChatCompletionRequest request, CompletionPlan plan, ReadOnlySpan<byte> content, ChatAnswerFields? fields = null, string? reasoningField = null, ReadOnlySpan<byte> reasoning = default)
    {
        fields ??= ChatAnswerFields.None;
        var body = new ArrayBufferWriter<byte>(content.Length + 1024);
        using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("id", plan.Id);
        json.WriteString("object", "chat.completion");
        json.WriteNumber("created", plan.Created);
        json.WriteString("model", plan.Model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        if (plan.ToolCall is not null)
        {
            json.WriteNull("content");
        }
        else
        {
            json.WriteString("content", content);
        }

        if (reasoningField is not null)
        {
            json.WriteString(reasoningField, reasoning);
        }

        json.WriteNull("refusal");
        if (plan.ToolCall is { } toolCall)
        {
            json.WriteStartArray("tool_calls");
            json.WriteStartObject();
            json.WriteString("id", toolCall.CallId);
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", toolCall.Name);
            json.WriteString("arguments", ToolCallPlan.Arguments(content));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", request.FinishReasonOf(plan));
        WriteRawProperty(json, fields.ContentChoice);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WritePropertyName("usage");
        json.WriteRawValue(UsageJson.Format(plan.PromptTokens, plan.CompletionTokens, plan.CachedPromptTokens, plan.ReasoningTokens), skipInputValidation: true);
        json.WriteString("system_fingerprint", "fp_llmload");
        json.WriteString("service_tier", "default");
        WriteRawProperty(json, fields.Prompt);
        json.WriteEndObject();
        json.Flush();
        return body;
    }

    private static void WriteRawProperty(Utf8JsonWriter json, RawProperty? property)
    {
        if (property is not null)
        {
            json.WritePropertyName(property.Name);
            json.WriteRawValue(property.Json, skipInputValidation: true);
        }
    }
}
