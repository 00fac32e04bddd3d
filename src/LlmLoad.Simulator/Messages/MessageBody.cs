using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Messages;

/// <summary>The body of a response as one Anthropic <c>message</c> object, for a request without <c>stream: true</c>.</summary>
internal static class MessageBody
{
    /// <param name="thinking">The thinking text, when the plan has reasoning: a <c>thinking</c> block with its signature before the text.</param>
    public static ArrayBufferWriter<byte> Build(CompletionPlan plan, ReadOnlySpan<byte> thinking, ReadOnlySpan<byte> text)
    {
        var body = new ArrayBufferWriter<byte>(thinking.Length + text.Length + 512);
        using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("id", plan.Id);
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", plan.Model);
        json.WriteStartArray("content");
        if (plan.ReasoningTokens > 0)
        {
            json.WriteStartObject();
            json.WriteString("type", "thinking");
            json.WriteString("thinking", thinking);
            json.WriteString("signature", ThinkingSignature.For(plan));
            json.WriteEndObject();
        }

        json.WriteStartObject();
        if (plan.ToolCall is { } call)
        {
            json.WriteString("type", "tool_use");
            json.WriteString("id", call.CallId);
            json.WriteString("name", call.Name);
            json.WritePropertyName("input");
            json.WriteRawValue(ToolCallPlan.Arguments(text));
        }
        else
        {
            json.WriteString("type", "text");
            json.WriteString("text", text);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("stop_reason", MessagesRequest.StopReasonOf(plan));
        json.WriteNull("stop_sequence");
        json.WriteStartObject("usage");
        // Anthropic's total input is these three together (wire-formats.md §3, Usage).
        json.WriteNumber("input_tokens", plan.PromptTokensOutsideCache);
        json.WriteNumber("cache_creation_input_tokens", plan.CacheWriteTokens);
        json.WriteNumber("cache_read_input_tokens", plan.CachedPromptTokens);
        json.WriteNumber("output_tokens", plan.CompletionTokens);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        return body;
    }
}
