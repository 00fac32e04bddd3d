using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.Tools;

/// <summary>A request that offers function tools gets a call, streamed as each API streams one.</summary>
public sealed class ToolCallWireTests
{
    private static readonly object ChatTool = new { type = "function", function = new { name = "get_weather", parameters = new { type = "object" } } };

    [Fact]
    public async Task Chat_Stream_ToolCallDeltasWithIdAndNameThenArgumentFragments_FinishToolCalls()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        var (response, events) = await client.StreamAsync(JsonSerializer.Serialize(new
        {
            model = "gpt-test", messages = new[] { new { role = "user", content = "Weather?" } }, max_tokens = 4, stream = true, tools = new[] { ChatTool },
        }));
        response.Dispose();

        var deltas = events.Where(e => !e.IsDone).Select(e => e.Json.GetProperty("choices")[0]).ToList();
        var calls = deltas.Where(c => c.GetProperty("delta").TryGetProperty("tool_calls", out _)).Select(c => c.GetProperty("delta").GetProperty("tool_calls")[0]).ToList();
        Assert.Equal(1 + 4 + 1, calls.Count);
        Assert.StartsWith("call_", calls[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("function", calls[0].GetProperty("type").GetString());
        Assert.Equal("get_weather", calls[0].GetProperty("function").GetProperty("name").GetString());
        Assert.All(calls.Skip(1), c => Assert.False(c.TryGetProperty("id", out _)));
        var arguments = string.Concat(calls.Select(c => c.GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal(4, JsonDocument.Parse(arguments).RootElement.GetProperty("input").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(deltas, c => c.GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 });
        Assert.Equal("tool_calls", deltas[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Chat_ToolChoiceNone_AnswersWithText()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        var json = await client.PostForJsonAsync(JsonSerializer.Serialize(new
        {
            model = "gpt-test", messages = new[] { new { role = "user", content = "Weather?" } }, max_tokens = 4, tools = new[] { ChatTool }, tool_choice = "none",
        }));

        Assert.Equal("length", json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.False(json.GetProperty("choices")[0].GetProperty("message").TryGetProperty("tool_calls", out _));
    }

    [Fact]
    public async Task Chat_ShareZero_OnlyARequiredChoiceCalls()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { ToolCallShare = 0 });
        using var client = new SimulatorClient(server);
        string Body(string choice) => JsonSerializer.Serialize(new { model = "gpt-test", messages = new[] { new { role = "user", content = "Weather?" } }, max_tokens = 4, tools = new[] { ChatTool }, tool_choice = choice });

        var auto = await client.PostForJsonAsync(Body("auto"));
        var required = await client.PostForJsonAsync(Body("required"));

        Assert.Equal("length", auto.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var message = required.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.Equal("get_weather", message.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("tool_calls", required.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Messages_Stream_ToolUseBlockWithInputJsonDeltas_StopReasonToolUse()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new MessagesClient(server);

        var (response, events) = await client.StreamAsync(JsonSerializer.Serialize(new
        {
            model = "claude-test", max_tokens = 3, stream = true, messages = new[] { new { role = "user", content = "Weather?" } },
            tools = new[] { new { name = "get_weather", input_schema = new { type = "object" } } },
        }));
        response.Dispose();

        var start = events[1].Json.GetProperty("content_block");
        Assert.Equal(("tool_use", "get_weather"), (start.GetProperty("type").GetString(), start.GetProperty("name").GetString()));
        Assert.StartsWith("toolu_", start.GetProperty("id").GetString(), StringComparison.Ordinal);
        var fragments = events.Where(e => e.Name == "content_block_delta").Select(e => e.Json.GetProperty("delta")).ToList();
        Assert.Equal(1 + 3 + 1, fragments.Count);
        Assert.All(fragments, f => Assert.Equal("input_json_delta", f.GetProperty("type").GetString()));
        var input = JsonDocument.Parse(string.Concat(fragments.Select(f => f.GetProperty("partial_json").GetString()))).RootElement;
        Assert.Equal(JsonValueKind.String, input.GetProperty("input").ValueKind);
        Assert.Equal("tool_use", events[^2].Json.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Responses_Stream_FunctionCallItemWithArgumentDeltas_Completed()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (status, body) = await RawSse.PostAsync(server, "v1/responses", JsonSerializer.Serialize(new
        {
            model = "gpt-test", input = "Weather?", max_output_tokens = 16, stream = true, tools = new[] { new { type = "function", name = "get_weather", parameters = new { type = "object" } } },
        }));

        Assert.Equal(200, status);
        var events = RawSse.Parse(body);
        var added = events.Single(e => e.Name == "response.output_item.added").Json.GetProperty("item");
        Assert.Equal(("function_call", "get_weather"), (added.GetProperty("type").GetString(), added.GetProperty("name").GetString()));
        Assert.StartsWith("fc_", added.GetProperty("id").GetString(), StringComparison.Ordinal);
        var deltas = events.Where(e => e.Name == "response.function_call_arguments.delta").ToList();
        Assert.Equal(1 + 16 + 1, deltas.Count);
        var arguments = events.Single(e => e.Name == "response.function_call_arguments.done").Json.GetProperty("arguments").GetString();
        Assert.Equal(arguments, string.Concat(deltas.Select(d => d.Json.GetProperty("delta").GetString())));
        Assert.Equal("response.completed", events[^1].Name);
        var output = events[^1].Json.GetProperty("response").GetProperty("output");
        Assert.Equal("function_call", Assert.Single(output.EnumerateArray()).GetProperty("type").GetString());
        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.Json.GetProperty("sequence_number").GetInt32()));
    }

    [Fact]
    public async Task Gemini_Stream_TheFunctionCallArrivesWholeInTheLastChunk_FinishStop()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        var (status, body) = await RawSse.PostAsync(server, "v1beta/models/gemini-test:streamGenerateContent?alt=sse", JsonSerializer.Serialize(new
        {
            contents = new[] { new { role = "user", parts = new[] { new { text = "Weather?" } } } },
            tools = new[] { new { functionDeclarations = new[] { new { name = "get_weather" } } } },
            generationConfig = new { maxOutputTokens = 5 },
        }), ("x-goog-api-key", "test"));

        Assert.Equal(200, status);
        var candidate = Assert.Single(RawSse.Parse(body)).Json.GetProperty("candidates")[0];
        var call = candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("functionCall");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal(5, call.GetProperty("args").GetProperty("input").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task Messages_ThinkingThenToolUse_TheToolUseBlockIsIndexOneAfterTheSignature()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Reasoning = new Generation.SimulatedReasoning { Tokens = 2 } });
        using var client = new MessagesClient(server);

        var (response, events) = await client.StreamAsync(JsonSerializer.Serialize(new
        {
            model = "claude-test", max_tokens = 1030, stream = true, messages = new[] { new { role = "user", content = "Weather?" } },
            thinking = new { type = "enabled", budget_tokens = 1024 },
            tools = new[] { new { name = "get_weather", input_schema = new { type = "object" } } },
        }));
        response.Dispose();

        var deltaTypes = events.Where(e => e.Name == "content_block_delta").Select(e => (e.Json.GetProperty("index").GetInt32(), e.Json.GetProperty("delta").GetProperty("type").GetString())).ToList();
        Assert.Equal([(0, "thinking_delta"), (0, "thinking_delta"), (0, "signature_delta")], deltaTypes.Take(3));
        Assert.All(deltaTypes.Skip(3), d => Assert.Equal((1, "input_json_delta"), d));
        var start = events.Where(e => e.Name == "content_block_start").Select(e => e.Json).ToList();
        Assert.Equal(["thinking", "tool_use"], start.Select(s => s.GetProperty("content_block").GetProperty("type").GetString()));
        Assert.Equal(1, start[1].GetProperty("index").GetInt32());
        Assert.Equal("""{"type":"content_block_stop","index":1}""", events[^3].Data);
    }

    [Fact]
    public async Task Responses_ReasoningThenFunctionCall_TheCallIsOutputIndexOne()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Reasoning = new Generation.SimulatedReasoning { Tokens = 2 } });

        var (_, body) = await RawSse.PostAsync(server, "v1/responses", JsonSerializer.Serialize(new
        {
            model = "gpt-test", input = "Weather?", max_output_tokens = 16, stream = true, tools = new[] { new { type = "function", name = "get_weather", parameters = new { type = "object" } } },
        }));

        var events = RawSse.Parse(body);
        Assert.All(events.Where(e => e.Name!.StartsWith("response.function_call_arguments", StringComparison.Ordinal)), e => Assert.Equal(1, e.Json.GetProperty("output_index").GetInt32()));
        var output = events[^1].Json.GetProperty("response").GetProperty("output");
        Assert.Equal(["reasoning", "function_call"], output.EnumerateArray().Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(2, events[^1].Json.GetProperty("response").GetProperty("usage").GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }
}
