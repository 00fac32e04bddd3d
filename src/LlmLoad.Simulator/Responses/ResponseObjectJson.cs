using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Responses;

/// <summary>
/// The <c>response</c> object in the real API's field order (recorded in openai-dotnet's session records):
/// the whole body of a buffered answer, and the payload of a stream's lifecycle events. Its status decides
/// what it carries: <c>in_progress</c> no output and no usage yet, <c>completed</c> or <c>incomplete</c> the
/// one message and the usage, <c>failed</c> the error.
/// </summary>
internal static class ResponseObjectJson
{
    public const string InProgress = "in_progress";
    public const string Failed = "failed";

    /// <summary>Relaxed escaping keeps a model name such as "org/model+v2" and quotes in instructions readable, as the real API writes them.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="reasoning">The reasoning text, shown in the reasoning item's summary when the request asked for one.</param>
    public static void Write(Utf8JsonWriter json, ResponsesRequest request, CompletionPlan plan, ResponseItemIds ids, string status, ReadOnlySpan<byte> reasoning, ReadOnlySpan<byte> text)
    {
        var finished = status is not (InProgress or Failed);
        json.WriteStartObject();
        json.WriteString("id", plan.Id);
        json.WriteString("object", "response");
        json.WriteNumber("created_at", plan.Created);
        json.WriteString("status", status);
        json.WriteBoolean("background", false);
        if (status == Failed)
        {
            json.WriteStartObject("error");
            json.WriteString("code", "server_error");
            json.WriteString("message", "The server had an error while processing your request. Sorry about that!");
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("error");
        }

        if (finished && request.CutOffOf(plan))
        {
            json.WriteStartObject("incomplete_details");
            json.WriteString("reason", "max_output_tokens");
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("incomplete_details");
        }

        WriteStringOrNull(json, "instructions", request.Instructions);
        if (request.MaxOutputTokens is { } maxOutputTokens)
        {
            json.WriteNumber("max_output_tokens", maxOutputTokens);
        }
        else
        {
            json.WriteNull("max_output_tokens");
        }

        json.WriteNull("max_tool_calls");
        json.WriteString("model", plan.Model);
        json.WriteStartArray("output");
        if (finished)
        {
            if (plan.ReasoningTokens > 0)
            {
                WriteReasoning(json, ids.Reasoning, request.ReasoningSummary is not null, reasoning);
            }

            if (plan.ToolCall is { } call)
            {
                WriteFunctionCall(json, ids.FunctionCall, call, "completed", ToolCallPlan.Arguments(text));
            }
            else
            {
                WriteMessage(json, ids.Message, request.StatusOf(plan), text, withContent: true);
            }
        }

        json.WriteEndArray();
        json.WriteBoolean("parallel_tool_calls", true);
        json.WriteNull("previous_response_id");
        json.WriteNull("prompt_cache_key");
        json.WriteStartObject("reasoning");
        json.WriteNull("effort");
        WriteStringOrNull(json, "summary", request.ReasoningSummary);
        json.WriteEndObject();
        json.WriteNull("safety_identifier");
        // The live API says "auto" while the tier is still to be picked, then the tier it used.
        json.WriteString("service_tier", status == InProgress ? "auto" : "default");
        json.WriteBoolean("store", request.Store);
        json.WritePropertyName("temperature");
        json.WriteRawValue("1.0"u8, skipInputValidation: true);
        json.WriteStartObject("text");
        json.WriteStartObject("format");
        json.WriteString("type", "text");
        json.WriteEndObject();
        json.WriteString("verbosity", "medium");
        json.WriteEndObject();
        json.WriteString("tool_choice", "auto");
        json.WriteStartArray("tools");
        json.WriteEndArray();
        json.WriteNumber("top_logprobs", 0);
        json.WritePropertyName("top_p");
        json.WriteRawValue("1.0"u8, skipInputValidation: true);
        json.WriteString("truncation", "disabled");
        if (finished)
        {
            WriteUsage(json, plan);
        }
        else
        {
            json.WriteNull("usage");
        }

        json.WriteNull("user");
        json.WriteStartObject("metadata");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The assistant message item; <paramref name="withContent"/> false for the empty item a stream opens with.</summary>
    public static void WriteMessage(Utf8JsonWriter json, string messageId, string status, ReadOnlySpan<byte> text, bool withContent)
    {
        json.WriteStartObject();
        json.WriteString("id", messageId);
        json.WriteString("type", "message");
        json.WriteString("status", status);
        json.WriteStartArray("content");
        if (withContent)
        {
            WriteTextPart(json, text);
        }

        json.WriteEndArray();
        json.WriteString("role", "assistant");
        json.WriteEndObject();
    }

    /// <summary>A <c>function_call</c> item, in the API's field order.</summary>
    public static void WriteFunctionCall(Utf8JsonWriter json, string itemId, ToolCallPlan call, string status, string arguments)
    {
        json.WriteStartObject();
        json.WriteString("id", itemId);
        json.WriteString("type", "function_call");
        json.WriteString("status", status);
        json.WriteString("arguments", arguments);
        json.WriteString("call_id", call.CallId);
        json.WriteString("name", call.Name);
        json.WriteEndObject();
    }

    /// <summary>A reasoning item: its summary is one <c>summary_text</c> part when <paramref name="shown"/>, else empty.</summary>
    public static void WriteReasoning(Utf8JsonWriter json, string reasoningId, bool shown, ReadOnlySpan<byte> summary)
    {
        json.WriteStartObject();
        json.WriteString("id", reasoningId);
        json.WriteString("type", "reasoning");
        json.WriteStartArray("summary");
        if (shown)
        {
            WriteSummaryPart(json, summary);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A <c>summary_text</c> part of a reasoning item.</summary>
    public static void WriteSummaryPart(Utf8JsonWriter json, ReadOnlySpan<byte> text)
    {
        json.WriteStartObject();
        json.WriteString("type", "summary_text");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>An <c>output_text</c> content part.</summary>
    public static void WriteTextPart(Utf8JsonWriter json, ReadOnlySpan<byte> text)
    {
        json.WriteStartObject();
        json.WriteString("type", "output_text");
        json.WriteStartArray("annotations");
        json.WriteEndArray();
        json.WriteStartArray("logprobs");
        json.WriteEndArray();
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>OpenAI's usage: <c>input_tokens</c> is the whole prompt, its cached part counted again in the details.</summary>
    private static void WriteUsage(Utf8JsonWriter json, CompletionPlan plan)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", plan.PromptTokens);
        json.WriteStartObject("input_tokens_details");
        json.WriteNumber("cached_tokens", plan.CachedPromptTokens);
        json.WriteEndObject();
        json.WriteNumber("output_tokens", plan.CompletionTokens);
        json.WriteStartObject("output_tokens_details");
        json.WriteNumber("reasoning_tokens", plan.ReasoningTokens);
        json.WriteEndObject();
        json.WriteNumber("total_tokens", plan.PromptTokens + plan.CompletionTokens);
        json.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
