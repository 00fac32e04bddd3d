using System.Buffers;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Simulator.Timing;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// Sends a response as one <c>chat.completion</c> JSON object at the moment the last token would have
/// been generated (TTFT + the gaps between tokens), as a real server does for <c>stream: false</c>.
/// </summary>
internal static class BufferedResponder
{
    /// <returns>The send time (first content and last byte coincide), or null when the client went away.</returns>
    public static async Task<ResponseTimeline?> SendAsync(HttpContext context, CompletionPlan plan, CancellationToken cancellationToken)
    {
        // Draw the whole schedule and build the body first, so the CPU work is done before the due time.
        var content = new ArrayBufferWriter<byte>(plan.CompletionTokens * 8);
        long due = 0;
        for (var i = 0; i < plan.CompletionTokens; i++)
        {
            (var wordIndex, due) = plan.Schedule.Next();
            content.Write(WordBytes.Get(wordIndex));
        }

        var body = BuildBody(plan, content.WrittenSpan);
        if (!await Pacer.Shared.WaitUntilAsync(due, cancellationToken))
        {
            return null;
        }

        var response = context.Response;
        response.ContentType = "application/json";
        response.ContentLength = body.WrittenCount;
        var result = await response.BodyWriter.WriteAsync(body.WrittenMemory, cancellationToken);
        var sent = Stopwatch.GetTimestamp();
        return result.IsCompleted || result.IsCanceled ? null : new ResponseTimeline(sent, sent);
    }

    private static ArrayBufferWriter<byte> BuildBody(CompletionPlan plan, ReadOnlySpan<byte> content)
    {
        var body = new ArrayBufferWriter<byte>(content.Length + 1024);
        using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("id", plan.Id);
        json.WriteString("object", "chat.completion");
        json.WriteNumber("created", plan.Created);
        json.WriteString("model", plan.Request.Model);
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        json.WriteString("content", content);
        json.WriteNull("refusal");
        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteString("finish_reason", plan.FinishReason);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WritePropertyName("usage");
        json.WriteRawValue(UsageJson.Format(plan.Request.PromptTokens, plan.CompletionTokens), skipInputValidation: true);
        json.WriteString("system_fingerprint", "fp_llmload");
        json.WriteString("service_tier", "default");
        json.WriteEndObject();
        json.Flush();
        return body;
    }
}
