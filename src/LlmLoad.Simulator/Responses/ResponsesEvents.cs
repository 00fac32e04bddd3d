using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Responses;

/// <summary>
/// The typed SSE events of one streamed response, in the real sequence (wire-formats.md, Responses API), each
/// numbered by <c>sequence_number</c> from 0. The lifecycle events are serialized once each; a token's
/// <c>response.output_text.delta</c> is fixed prefix + its number + a per-response middle + word + fixed suffix,
/// written straight into the pipe, so the per-token cost stays a few copies, as for the other APIs.
/// </summary>
internal sealed class ResponsesEvents(ResponsesRequest request, CompletionPlan plan, string messageId)
{
    private const string DeltaType = "response.output_text.delta";

    /// <summary>The widest an int written in decimal can be.</summary>
    private const int MaxSequenceDigits = 11;

    private static readonly byte[] DeltaPrefix = Encoding.UTF8.GetBytes($"event: {DeltaType}\ndata: {{\"type\":\"{DeltaType}\",\"sequence_number\":");
    private static readonly byte[] DeltaSuffix = "\",\"logprobs\":[]}\n\n"u8.ToArray();

    private readonly byte[] _deltaMiddle = Encoding.UTF8.GetBytes($",\"item_id\":\"{messageId}\",\"output_index\":0,\"content_index\":0,\"delta\":\"");
    private int _sequence;

    /// <summary>An event whose data is cut off mid-string, as a broken proxy or server might send; it takes no sequence number.</summary>
    public static ReadOnlyMemory<byte> Malformed { get; } =
        Encoding.UTF8.GetBytes($"event: {DeltaType}\ndata: {{\"type\":\"{DeltaType}\",\"sequence_number\":4,\"item_id\":\"msg_malformed\",\"output_index\":0,\"content_index\":0,\"delta\":\"\n\n");

    /// <summary><c>response.created</c> and <c>response.in_progress</c>, sent the moment the request is accepted.</summary>
    public byte[] Opening()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        foreach (var name in (string[])["response.created", "response.in_progress"])
        {
            var json = Start(buffer, name);
            json.WritePropertyName("response");
            ResponseObjectJson.Write(json, request, plan, messageId, ResponseObjectJson.InProgress, default);
            End(buffer, json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>response.output_item.added</c> (the empty message) and <c>response.content_part.added</c>: the model has begun its answer.</summary>
    public byte[] ItemOpening()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        var json = Start(buffer, "response.output_item.added");
        json.WriteNumber("output_index", 0);
        json.WritePropertyName("item");
        ResponseObjectJson.WriteMessage(json, messageId, ResponseObjectJson.InProgress, default, withContent: false);
        End(buffer, json);

        json = Start(buffer, "response.content_part.added");
        WritePartPosition(json);
        json.WritePropertyName("part");
        ResponseObjectJson.WriteTextPart(json, default);
        End(buffer, json);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one token's delta event into the pipe (not flushed). Allocates nothing.</summary>
    public void WriteDelta(PipeWriter writer, ReadOnlySpan<byte> word)
    {
        var span = writer.GetSpan(DeltaPrefix.Length + MaxSequenceDigits + _deltaMiddle.Length + word.Length + DeltaSuffix.Length);
        DeltaPrefix.CopyTo(span);
        var length = DeltaPrefix.Length;
        Utf8Formatter.TryFormat(_sequence++, span[length..], out var digits);
        length += digits;
        _deltaMiddle.CopyTo(span[length..]);
        length += _deltaMiddle.Length;
        word.CopyTo(span[length..]);
        length += word.Length;
        DeltaSuffix.CopyTo(span[length..]);
        writer.Advance(length + DeltaSuffix.Length);
    }

    /// <summary>
    /// The text, part and item done events with the whole text, then the terminal event: <c>response.incomplete</c>
    /// when the output was cut off at <c>max_output_tokens</c>, else <c>response.completed</c>, with the usage.
    /// </summary>
    public byte[] Closing(ReadOnlySpan<byte> text)
    {
        var buffer = new ArrayBufferWriter<byte>((text.Length * 4) + 4096);
        var json = Start(buffer, "response.output_text.done");
        WritePartPosition(json);
        json.WriteString("text", text);
        json.WriteStartArray("logprobs");
        json.WriteEndArray();
        End(buffer, json);

        json = Start(buffer, "response.content_part.done");
        WritePartPosition(json);
        json.WritePropertyName("part");
        ResponseObjectJson.WriteTextPart(json, text);
        End(buffer, json);

        json = Start(buffer, "response.output_item.done");
        json.WriteNumber("output_index", 0);
        json.WritePropertyName("item");
        ResponseObjectJson.WriteMessage(json, messageId, request.Status, text, withContent: true);
        End(buffer, json);

        json = Start(buffer, "response." + request.Status);
        json.WritePropertyName("response");
        ResponseObjectJson.Write(json, request, plan, messageId, request.Status, text);
        End(buffer, json);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The terminal <c>response.failed</c> of a server that gives up part-way, numbered next in the sequence.</summary>
    public byte[] Failed()
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        var json = Start(buffer, "response.failed");
        json.WritePropertyName("response");
        ResponseObjectJson.Write(json, request, plan, messageId, ResponseObjectJson.Failed, default);
        End(buffer, json);
        return buffer.WrittenSpan.ToArray();
    }

    private void WritePartPosition(Utf8JsonWriter json)
    {
        json.WriteString("item_id", messageId);
        json.WriteNumber("output_index", 0);
        json.WriteNumber("content_index", 0);
    }

    /// <summary>Writes the <c>event:</c> line and opens the data object with its type and sequence number.</summary>
    private Utf8JsonWriter Start(ArrayBufferWriter<byte> buffer, string name)
    {
        buffer.Write(Encoding.UTF8.GetBytes("event: " + name + "\ndata: "));
        var json = new Utf8JsonWriter(buffer, ResponseObjectJson.WriterOptions);
        json.WriteStartObject();
        json.WriteString("type", name);
        json.WriteNumber("sequence_number", _sequence++);
        return json;
    }

    private static void End(ArrayBufferWriter<byte> buffer, Utf8JsonWriter json)
    {
        json.WriteEndObject();
        json.Flush();
        json.Dispose();
        buffer.Write("\n\n"u8);
    }
}
