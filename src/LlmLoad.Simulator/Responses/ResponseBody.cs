using System.Buffers;
using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Responses;

/// <summary>The body of a response as one <c>response</c> object, for a request without <c>stream: true</c>.</summary>
internal static class ResponseBody
{
    public static ArrayBufferWriter<byte> Build(ResponsesRequest request, CompletionPlan plan, ResponseItemIds ids, ReadOnlySpan<byte> reasoning, ReadOnlySpan<byte> text)
    {
        var body = new ArrayBufferWriter<byte>(reasoning.Length + text.Length + 2048);
        using var json = new Utf8JsonWriter(body, ResponseObjectJson.WriterOptions);
        ResponseObjectJson.Write(json, request, plan, ids, request.StatusOf(plan), reasoning, text);
        json.Flush();
        return body;
    }
}
