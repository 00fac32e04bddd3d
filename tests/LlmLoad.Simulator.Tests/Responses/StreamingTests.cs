using System.Text.Json;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Responses;

/// <summary>
/// The Responses API's typed stream as the live API sends it (openai-dotnet's recorded HelloWorldStreaming and
/// MaxTokens sessions, wire-formats.md §1): named events whose data repeats the name as <c>type</c>, one
/// <c>sequence_number</c> count over the whole stream, no <c>[DONE]</c>.
/// </summary>
public sealed class StreamingTests
{
    private const string Prompt = "Explain load testing in one paragraph.";

    [Fact]
    public async Task CreateResponse_Stream_SendsTheLiveApisEventSequenceNumberedFromZero()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var (response, events) = await ResponsesWire.StreamAsync(server, ResponsesWire.Body(16, stream: true));
        using var _ = response;

        string[] expected =
        [
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
            .. Enumerable.Repeat("response.output_text.delta", 16),
            "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.incomplete",
        ];
        Assert.Equal(expected, events.Select(e => e.Name));
        Assert.Equal("text/event-stream; charset=utf-8", SimulatorClient.Header(response, "Content-Type"));
        Assert.All(events, e => Assert.Equal(e.Name, e.Json.GetProperty("type").GetString()));
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Json.GetProperty("sequence_number").GetInt32()));
    }

    [Fact]
    public async Task CreateResponse_Stream_EveryEventNamesTheOneMessageAndTheDoneEventsRepeatTheWholeText()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var (response, events) = await ResponsesWire.StreamAsync(server, ResponsesWire.Body(20, stream: true));
        response.Dispose();

        var added = Single(events, "response.output_item.added");
        var item = added.GetProperty("item");
        var messageId = item.GetProperty("id").GetString()!;
        Assert.StartsWith("msg_", messageId, StringComparison.Ordinal);
        Assert.Equal("in_progress", item.GetProperty("status").GetString());
        Assert.Equal(0, item.GetProperty("content").GetArrayLength());
        Assert.Equal("""{"type":"output_text","annotations":[],"logprobs":[],"text":""}""", Single(events, "response.content_part.added").GetProperty("part").GetRawText());

        var deltas = events.Where(e => e.Name == "response.output_text.delta").Select(e => e.Json).ToList();
        Assert.All(deltas, d =>
        {
            Assert.Equal(messageId, d.GetProperty("item_id").GetString());
            Assert.Equal(0, d.GetProperty("output_index").GetInt32());
            Assert.Equal(0, d.GetProperty("content_index").GetInt32());
            Assert.Equal(0, d.GetProperty("logprobs").GetArrayLength());
        });
        var text = string.Concat(deltas.Select(d => d.GetProperty("delta").GetString()));
        Assert.Equal(20, TokenCounter.Default.Count(text));
        Assert.Equal(text, Single(events, "response.output_text.done").GetProperty("text").GetString());
        Assert.Equal(text, Single(events, "response.content_part.done").GetProperty("part").GetProperty("text").GetString());
        var doneItem = Single(events, "response.output_item.done").GetProperty("item");
        Assert.Equal(messageId, doneItem.GetProperty("id").GetString());
        // Cut off at the cap, the live API marks the message incomplete as well as the response.
        Assert.Equal("incomplete", doneItem.GetProperty("status").GetString());
        Assert.Equal(text, doneItem.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task CreateResponse_StreamHitsMaxOutputTokens_EndsIncompleteWithTheReasonAndTheFullUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var (response, events) = await ResponsesWire.StreamAsync(server, ResponsesWire.Body(20, stream: true, Prompt, instructions: "Be brief."));
        response.Dispose();

        var created = events[0].Json.GetProperty("response");
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("resp_", id, StringComparison.Ordinal);
        Assert.Equal("in_progress", created.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("usage").ValueKind);
        Assert.Equal(0, created.GetProperty("output").GetArrayLength());
        Assert.Equal("auto", created.GetProperty("service_tier").GetString());

        var final = events[^1].Json.GetProperty("response");
        Assert.Equal(id, final.GetProperty("id").GetString());
        Assert.Equal("incomplete", final.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", final.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal(20, final.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal("Be brief.", final.GetProperty("instructions").GetString());
        Assert.Equal("default", final.GetProperty("service_tier").GetString());
        var usage = final.GetProperty("usage");
        var inputTokens = TokenCounter.Default.Count("Be brief.") + TokenCounter.Default.Count(Prompt);
        Assert.Equal(inputTokens, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(20, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(inputTokens + 20, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task CreateResponse_StreamWithoutCap_EndsCompletedAtTheServersDefaultLength()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { DefaultMaxTokens = 12 });
        var (response, events) = await ResponsesWire.StreamAsync(server, ResponsesWire.Body(null, stream: true));
        response.Dispose();

        Assert.Equal("response.completed", events[^1].Name);
        var final = events[^1].Json.GetProperty("response");
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, final.GetProperty("incomplete_details").ValueKind);
        Assert.Equal(JsonValueKind.Null, final.GetProperty("max_output_tokens").ValueKind);
        Assert.Equal(12, final.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal("completed", Single(events, "response.output_item.done").GetProperty("item").GetProperty("status").GetString());
        Assert.Equal(12, events.Count(e => e.Name == "response.output_text.delta"));
    }

    [Fact]
    public async Task CreateResponse_ServerFailsMidStream_EndsWithResponseFailedNumberedInSequence()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Faults = [FaultRuleText.Parse("error_event,after=2")] });
        var (response, events) = await ResponsesWire.StreamAsync(server, ResponsesWire.Body(16, stream: true));
        response.Dispose();

        string[] expected = ["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.delta", "response.failed"];
        Assert.Equal(expected, events.Select(e => e.Name));
        Assert.Equal(6, events[^1].Json.GetProperty("sequence_number").GetInt32());
        var failed = events[^1].Json.GetProperty("response");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("server_error", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("usage").ValueKind);
    }

    private static JsonElement Single(List<NamedSseEvent> events, string name) => Assert.Single(events, e => e.Name == name).Json;
}
