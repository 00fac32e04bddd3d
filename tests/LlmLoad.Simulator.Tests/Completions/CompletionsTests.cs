using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Completions;

/// <summary>
/// <c>POST /v1/completions</c> read by a plain HttpClient: the official OpenAI .NET SDK keeps its legacy
/// completions client internal, so no SDK of ours can call it.
/// </summary>
public sealed class CompletionsTests
{
    private const string Path = "v1/completions";
    private const string Prompt = "Once upon a time, in a lighthouse,";

    private static readonly int[] TokenIds = [9906, 1917, 0, 42, 7];

    [Fact]
    public async Task Completions_StreamWithIncludeUsage_SendsTextChunksFinishUsageDone()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(Body(new { model = "gpt-3.5-turbo-instruct", prompt = Prompt, max_tokens = 10, stream = true, stream_options = new { include_usage = true } }), Path);
        var events = await SimulatorClient.ReadEventsAsync(response, Stopwatch.GetTimestamp());

        // 10 tokens, finish, usage, [DONE]: no role chunk on this API.
        Assert.Equal(10 + 1 + 1 + 1, events.Count);
        Assert.True(events[^1].IsDone);
        var chunks = events[..^1].Select(e => e.Json).ToList();
        var id = chunks[0].GetProperty("id").GetString()!;
        Assert.StartsWith("cmpl-", id, StringComparison.Ordinal);
        Assert.All(chunks, chunk =>
        {
            Assert.Equal(id, chunk.GetProperty("id").GetString());
            Assert.Equal("text_completion", chunk.GetProperty("object").GetString());
            Assert.Equal("gpt-3.5-turbo-instruct", chunk.GetProperty("model").GetString());
        });
        var texts = chunks[..10].Select(c => c.GetProperty("choices")[0]).ToList();
        Assert.All(texts, choice =>
        {
            Assert.Equal(1, TokenCounter.Default.Count(choice.GetProperty("text").GetString()!));
            Assert.Equal(JsonValueKind.Null, choice.GetProperty("finish_reason").ValueKind);
        });
        Assert.Equal(10, TokenCounter.Default.Count(string.Concat(texts.Select(c => c.GetProperty("text").GetString()))));
        var finish = chunks[10].GetProperty("choices")[0];
        Assert.Equal("", finish.GetProperty("text").GetString());
        Assert.Equal("length", finish.GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        var usage = chunks[^1].GetProperty("usage");
        Assert.Equal(TokenCounter.Default.Count(Prompt), usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(10, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(TokenCounter.Default.Count(Prompt) + 10, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Completions_StreamWithoutIncludeUsage_IsOnlyDataLinesWithNoUsageAtAll()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { DefaultMaxTokens = 4 });
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(Body(new { model = "m", prompt = Prompt, stream = true }), Path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream; charset=utf-8", SimulatorClient.Header(response, "Content-Type"));
        // 4 tokens (the server's default length), finish, [DONE].
        Assert.Matches(new Regex(@"\A(data: [^\r\n]+\n\n){6}\z"), body);
        Assert.DoesNotContain("usage", body, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"stop\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completions_Buffered_ReturnsOneTextCompletionWithUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(Body(new { model = "m", prompt = new[] { Prompt }, max_tokens = 7 }), Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("cmpl-", completion.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("text_completion", completion.GetProperty("object").GetString());
        var choice = Assert.Single(completion.GetProperty("choices").EnumerateArray());
        Assert.Equal(7, TokenCounter.Default.Count(choice.GetProperty("text").GetString()!));
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(TokenCounter.Default.Count(Prompt), completion.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(7, completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Completions_TokenIdPrompt_CountsOneTokenPerId()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(Body(new { model = "m", prompt = TokenIds, max_tokens = 2 }), Path);

        var completion = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(5, completion.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":2}""", "prompt", "missing_required_parameter")]
    [InlineData("""{"model":"m","prompt":{"text":"hi"}}""", "prompt", "invalid_type")]
    [InlineData("""{"model":"m","prompt":["one","two"]}""", "prompt", "unsupported_value")]
    [InlineData("""{"model":"m","prompt":"hi","max_tokens":0}""", "max_tokens", "integer_below_min_value")]
    [InlineData("""{"model":"m","prompt":"hi","stream_options":{"include_usage":true}}""", "stream_options", null)]
    public async Task Completions_BadRequest_Is400NamingTheField(string body, string param, string? code)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(body, Path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Completions_WrongKey_IsOpenAis401()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { ApiKey = "sk-right-key-0123456789" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(Body(new { model = "m", prompt = "hi" })) };
        request.Headers.Authorization = new("Bearer", "sk-wrong-key-0123456789");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Completions_Stream_SendsHeadersBeforeTheFirstTokenIsDue()
    {
        // No role chunk opens this stream, so the headers must go out on their own, as vLLM sends them:
        // a client's "headers" time must not wait for the first token. The margins are a second either side.
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { TimeToFirstTokenMs = new NormalSpec(2000, 0) });
        using var client = new SimulatorClient(server);
        var started = Stopwatch.GetTimestamp();

        using var response = await client.PostAsync(Body(new { model = "m", prompt = Prompt, max_tokens = 1, stream = true }), Path);
        var headersAt = Stopwatch.GetElapsedTime(started);
        var events = await SimulatorClient.ReadEventsAsync(response, started);

        Assert.True(headersAt < TimeSpan.FromSeconds(1), $"headers after {headersAt.TotalMilliseconds} ms");
        Assert.True(events[0].At >= TimeSpan.FromMilliseconds(1990), $"first token after {events[0].At.TotalMilliseconds} ms");
    }

    private static string Body(object body) => SimulatorClient.ChatBody(body);
}
