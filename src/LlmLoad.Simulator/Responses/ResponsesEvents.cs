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
/// written straight into the pipe, so the per-token cost stays a few copies, as for the other APIs. A reasoning
/// model's output opens with a reasoning item; its summary is streamed as <c>response.reasoning_summary_text.delta</c>
/// events only when the request asked for a summary.
/// </summary>
internal sealed class ResponsesEvents
{
    private const string DeltaType = "response.output_text.delta";
    private const string ReasoningDeltaType = "response.reasoning_summary_text.delta";

    /// <summary>The widest an int written in decimal can be.</summary>
    private const int MaxSequenceDigits = 11;

    private static readonly byte[] DeltaPrefix = Encoding.UTF8.GetBytes($"event: {DeltaType}\ndata: {{\"type\":\"{DeltaType}\",\"sequence_number\":");
    private static readonly byte[] DeltaSuffix = "\",\"logprobs\":[]}\n\n"u8.ToArray();
    private static readonly byte[] ReasoningDeltaPrefix = Encoding.UTF8.GetBytes($"event: {ReasoningDeltaType}\ndata: {{\"type\":\"{ReasoningDeltaType}\",\"sequence_number\":");
    private static readonly byte[] ReasoningDeltaSuffix = "\"}\n\n"u8.ToArray();
    private const string CallDeltaType = "response.function_call_arguments.delta";
    private static readonly byte[] CallDeltaPrefix = Encoding.UTF8.GetBytes($"event: {CallDeltaType}\ndata: {{\"type\":\"{CallDeltaType}\",\"sequence_number\":");

    private readonly ResponsesRequest _request;
    private readonly CompletionPlan _plan;
    private readonly ResponseItemIds _ids;
    private readonly int _messageIndex;
    private readonly byte[] _deltaMiddle;
    private readonly byte[] _reasoningDeltaMiddle;
    private int _sequence;

    public ResponsesEvents(ResponsesRequest request, CompletionPlan plan, ResponseItemIds ids)
    {
        _request = request;
        _plan = plan;
        _ids = ids;
        _messageIndex = ResponseItemIds.MessageIndex(plan);
        _deltaMiddle = plan.ToolCall is null
            ? Encoding.UTF8.GetBytes($",\"item_id\":\"{ids.Message}\",\"output_index\":{_messageIndex},\"content_index\":0,\"delta\":\"")
            : Encoding.UTF8.GetBytes($",\"item_id\":\"{ids.FunctionCall}\",\"output_index\":{_messageIndex},\"delta\":\"");
        _reasoningDeltaMiddle = Encoding.UTF8.GetBytes($",\"item_id\":\"{ids.Reasoning}\",\"output_index\":0,\"summary_index\":0,\"delta\":\"");
    }

    /// <summary>An event whose data is cut off mid-string, as a broken proxy or server might send; it takes no sequence number.</summary>
    public static ReadOnlyMemory<byte> Malformed { get; } =
        Encoding.UTF8.GetBytes($"event: {DeltaType}\ndata: {{\"type\":\"{DeltaType}\",\"sequence_number\":4,\"item_id\":\"msg_malformed\",\"output_index\":0,\"content_index\":0,\"delta\":\"\n\n");

    /// <summary>Whether the reasoning is streamed (as summary text), which the request asks for with <c>reasoning.summary</c>.</summary>
    public bool ShowsReasoning => _request.ReasoningSummary is not null;

    /// <summary><c>response.created</c> and <c>response.in_progress</c>, sent the moment the request is accepted.</summary>
    public byte[] Opening()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        foreach (var name in (string[])["response.created", "response.in_progress"])
        {
            var json = Start(buffer, name);
            json.WritePropertyName("response");
            ResponseObjectJson.Write(json, _request, _plan, _ids, ResponseObjectJson.InProgress, default, default);
            End(buffer, json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The reasoning item added (empty), and with a summary its first part: the model has begun to think.</summary>
    public byte[] ReasoningOpening()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        var json = Start(buffer, "response.output_item.added");
        json.WriteNumber("output_index", 0);
        json.WritePropertyName("item");
        ResponseObjectJson.WriteReasoning(json, _ids.Reasoning, shown: false, default);
        End(buffer, json);
        if (ShowsReasoning)
        {
            json = Start(buffer, "response.reasoning_summary_part.added");
            WriteSummaryPosition(json);
            json.WritePropertyName("part");
            ResponseObjectJson.WriteSummaryPart(json, default);
            End(buffer, json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>With a summary, its text and part done events; then the reasoning item done, with the whole summary.</summary>
    public byte[] ReasoningClosing(ReadOnlySpan<byte> summary)
    {
        var buffer = new ArrayBufferWriter<byte>((summary.Length * 3) + 1024);
        Utf8JsonWriter json;
        if (ShowsReasoning)
        {
            json = Start(buffer, "response.reasoning_summary_text.done");
            WriteSummaryPosition(json);
            json.WriteString("text", summary);
            End(buffer, json);

            json = Start(buffer, "response.reasoning_summary_part.done");
            WriteSummaryPosition(json);
            json.WritePropertyName("part");
            ResponseObjectJson.WriteSummaryPart(json, summary);
            End(buffer, json);
        }

        json = Start(buffer, "response.output_item.done");
        json.WriteNumber("output_index", 0);
        json.WritePropertyName("item");
        ResponseObjectJson.WriteReasoning(json, _ids.Reasoning, ShowsReasoning, summary);
        End(buffer, json);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <c>response.output_item.added</c> (the empty message) and <c>response.content_part.added</c>: the model has begun its
    /// answer; for a function call, the call item (its id, call id and name) and the arguments' opening fragment.
    /// </summary>
    public byte[] ItemOpening()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        if (_plan.ToolCall is { } call)
        {
            var item = Start(buffer, "response.output_item.added");
            item.WriteNumber("output_index", _messageIndex);
            item.WritePropertyName("item");
            ResponseObjectJson.WriteFunctionCall(item, _ids.FunctionCall, call, ResponseObjectJson.InProgress, "");
            End(buffer, item);
            var opening = Start(buffer, CallDeltaType);
            WriteCallPosition(opening);
            opening.WriteString("delta", ToolCallPlan.ArgumentsOpening);
            End(buffer, opening);
            return buffer.WrittenSpan.ToArray();
        }

        var json = Start(buffer, "response.output_item.added");
        json.WriteNumber("output_index", _messageIndex);
        json.WritePropertyName("item");
        ResponseObjectJson.WriteMessage(json, _ids.Message, ResponseObjectJson.InProgress, default, withContent: false);
        End(buffer, json);

        json = Start(buffer, "response.content_part.added");
        WritePartPosition(json);
        json.WritePropertyName("part");
        ResponseObjectJson.WriteTextPart(json, default);
        End(buffer, json);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one answer token's delta event into the pipe (not flushed). Allocates nothing.</summary>
    public void WriteDelta(PipeWriter writer, ReadOnlySpan<byte> word)
    {
        if (_plan.ToolCall is null)
        {
            WriteDelta(writer, DeltaPrefix, _deltaMiddle, word, DeltaSuffix);
        }
        else
        {
            WriteDelta(writer, CallDeltaPrefix, _deltaMiddle, word, ReasoningDeltaSuffix);
        }
    }

    /// <summary>Writes one reasoning token's summary delta event into the pipe (not flushed). Allocates nothing.</summary>
    public void WriteReasoningDelta(PipeWriter writer, ReadOnlySpan<byte> word) => WriteDelta(writer, ReasoningDeltaPrefix, _reasoningDeltaMiddle, word, ReasoningDeltaSuffix);

    /// <summary>
    /// The text, part and item done events with the whole text, then the terminal event: <c>response.incomplete</c>
    /// when the output was cut off at <c>max_output_tokens</c>, else <c>response.completed</c>, with the usage.
    /// </summary>
    public byte[] Closing(ReadOnlySpan<byte> reasoning, ReadOnlySpan<byte> text)
    {
        var buffer = new ArrayBufferWriter<byte>((text.Length * 4) + (reasoning.Length * 2) + 4096);
        Utf8JsonWriter json;
        if (_plan.ToolCall is { } call)
        {
            var arguments = ToolCallPlan.Arguments(text);
            json = Start(buffer, CallDeltaType);
            WriteCallPosition(json);
            json.WriteString("delta", ToolCallPlan.ArgumentsClosing);
            End(buffer, json);

            json = Start(buffer, "response.function_call_arguments.done");
            WriteCallPosition(json);
            json.WriteString("arguments", arguments);
            End(buffer, json);

            json = Start(buffer, "response.output_item.done");
            json.WriteNumber("output_index", _messageIndex);
            json.WritePropertyName("item");
            ResponseObjectJson.WriteFunctionCall(json, _ids.FunctionCall, call, "completed", arguments);
            End(buffer, json);
            return Terminal(buffer, reasoning, text);
        }

        json = Start(buffer, "response.output_text.done");
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
        json.WriteNumber("output_index", _messageIndex);
        json.WritePropertyName("item");
        ResponseObjectJson.WriteMessage(json, _ids.Message, _request.StatusOf(_plan), text, withContent: true);
        End(buffer, json);
        return Terminal(buffer, reasoning, text);
    }

    /// <summary>Appends the terminal event (<c>response.completed</c> or <c>.incomplete</c>) with the whole response.</summary>
    private byte[] Terminal(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> reasoning, ReadOnlySpan<byte> text)
    {
        var status = _request.StatusOf(_plan);
        var json = Start(buffer, "response." + status);
        json.WritePropertyName("response");
        ResponseObjectJson.Write(json, _request, _plan, _ids, status, reasoning, text);
        End(buffer, json);
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteCallPosition(Utf8JsonWriter json)
    {
        json.WriteString("item_id", _ids.FunctionCall);
        json.WriteNumber("output_index", _messageIndex);
    }

    /// <summary>The terminal <c>response.failed</c> of a server that gives up part-way, numbered next in the sequence.</summary>
    public byte[] Failed()
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        var json = Start(buffer, "response.failed");
        json.WritePropertyName("response");
        ResponseObjectJson.Write(json, _request, _plan, _ids, ResponseObjectJson.Failed, default, default);
        End(buffer, json);
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteDelta(PipeWriter writer, byte[] prefix, byte[] middle, ReadOnlySpan<byte> word, byte[] suffix)
    {
        var span = writer.GetSpan(prefix.Length + MaxSequenceDigits + middle.Length + word.Length + suffix.Length);
        prefix.CopyTo(span);
        var length = prefix.Length;
        Utf8Formatter.TryFormat(_sequence++, span[length..], out var digits);
        length += digits;
        middle.CopyTo(span[length..]);
        length += middle.Length;
        word.CopyTo(span[length..]);
        length += word.Length;
        suffix.CopyTo(span[length..]);
        writer.Advance(length + suffix.Length);
    }

    private void WritePartPosition(Utf8JsonWriter json)
    {
        json.WriteString("item_id", _ids.Message);
        json.WriteNumber("output_index", _messageIndex);
        json.WriteNumber("content_index", 0);
    }

    private void WriteSummaryPosition(Utf8JsonWriter json)
    {
        json.WriteString("item_id", _ids.Reasoning);
        json.WriteNumber("output_index", 0);
        json.WriteNumber("summary_index", 0);
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
