using System.Buffers;
using System.Text;
using LlmLoad.Engine;
using LlmLoad.Providers;
using LlmLoad.Recording;
using LlmLoad.Workload;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Tests.Recording;

public sealed class RequestMeasurementTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void From_OneTokenPerChunk_ComputesTtftTpotE2eAndItl()
    {
        // Sent at 10 ms (scheduled at 8), content at 210, 230, 250, 270 ms, end at 275 ms.
        var capture = Capture(sentMs: 10, endMs: 275, ("a", 210), (" b", 230), (" c", 250), (" d", 270));
        capture.UsageOutputTokens = 4;

        var m = RequestMeasurement.From(Scheduled(8), capture, 0, _clock, TokenCounter.Default);

        Assert.Equal(200, m.Record.TtftMs!.Value, 6);
        Assert.Equal(265, m.Record.E2eMs!.Value, 6);
        Assert.Equal(20, m.Record.TpotMs!.Value, 6);
        Assert.Equal(2, m.Record.ScheduleLagMs, 6);
        Assert.Equal([20.0, 20.0, 20.0], m.TokenLatenciesMs);
        Assert.Equal([20.0, 20.0, 20.0], m.ChunkGapsMs);
        Assert.Equal("usage", m.Record.TokenSource);
    }

    [Fact]
    public void From_ChunkCarryingSeveralTokens_SpreadsItsGapOverItsTokens()
    {
        // The second chunk carries three one-token words 60 ms after the first: three ITL samples of 20 ms,
        // not one of 60 ms (the mistake vLLM issue #27485 describes).
        var capture = Capture(sentMs: 0, endMs: 161, (" the", 100), (" of and to", 160));
        capture.UsageOutputTokens = 4;

        var m = RequestMeasurement.From(Scheduled(0), capture, 0, _clock, TokenCounter.Default);

        Assert.Equal([20.0, 20.0, 20.0], m.TokenLatenciesMs);
        Assert.Equal([60.0], m.ChunkGapsMs);
        Assert.Equal(20, m.Record.TpotMs!.Value, 6);
    }

    [Fact]
    public void From_ServerCountsFewerTokensThanTheLocalTokenizer_ItlFollowsTheServersCount()
    {
        // A server (vLLM with stream intervals, another model's vocabulary) sends 4 of its tokens every 40 ms,
        // whose text the local tokenizer counts as 8 tokens: ITL is 10 ms, not 5.
        const string eightTokens = " the of and to in is it that";
        Assert.Equal(8, TokenCounter.Default.Count(eightTokens));
        var capture = Capture(sentMs: 0, endMs: 221, (eightTokens, 100), (eightTokens, 140), (eightTokens, 180), (eightTokens, 220));
        capture.UsageOutputTokens = 16;

        var m = RequestMeasurement.From(Scheduled(0), capture, 0, _clock, TokenCounter.Default);

        Assert.Equal(Enumerable.Repeat(10.0, 12), m.TokenLatenciesMs);
        Assert.Equal([40.0, 40.0, 40.0], m.ChunkGapsMs);
        Assert.Null(m.Record.OutputTokensTokenizer); // the server's count rules; the answer is not tokenized whole
    }

    [Fact]
    public void From_ServerCountsFewerTokensThanChunks_OneTokenPerChunk()
    {
        var capture = Capture(sentMs: 0, endMs: 70, (" the of", 10), (" and to", 30), (" in is", 60));
        capture.UsageOutputTokens = 2;

        var m = RequestMeasurement.From(Scheduled(0), capture, 0, _clock, TokenCounter.Default);

        Assert.Equal([20.0, 30.0], m.TokenLatenciesMs);
    }

    [Fact]
    public void From_ReasoningThenAnswer_TtftAtTheFirstThought_TtfoAtTheFirstAnswer_ItlOverBoth()
    {
        var capture = new ResponseCapture { SentAt = At(0), HeadersAt = At(1), EndAt = At(181), Status = 200, UsageOutputTokens = 4, UsageReasoningTokens = 2 };
        foreach (var (text, ms, reasoning) in new[] { (" the", 100.0, true), (" of", 120.0, true), (" and", 160.0, false), (" to", 180.0, false) })
        {
            capture.Text.Write<byte>(Encoding.UTF8.GetBytes(text));
            if (reasoning)
            {
                capture.AddReasoningChunk(At(ms));
            }
            else
            {
                capture.AddContentChunk(At(ms));
            }
        }

        var m = RequestMeasurement.From(Scheduled(0), capture, 0, _clock, TokenCounter.Default);

        Assert.Equal(100, m.Record.TtftMs!.Value, 6);
        Assert.Equal(160, m.Record.TtfoMs!.Value, 6);
        Assert.Equal(2, m.Record.ReasoningTokens);
        Assert.Equal(2, m.Record.ReasoningChunks);
        Assert.Equal([20.0, 40.0, 20.0], m.TokenLatenciesMs);
    }

    [Fact]
    public void From_NoReasoning_TtfoIsTtft()
    {
        var capture = Capture(sentMs: 0, endMs: 50, (" the", 10), (" of", 20));

        var m = RequestMeasurement.From(Scheduled(0), capture, 0, _clock, TokenCounter.Default);

        Assert.Equal(m.Record.TtftMs, m.Record.TtfoMs);
        Assert.Equal(0, m.Record.ReasoningChunks);
        Assert.Null(m.Record.ReasoningTokens);
    }

    [Fact]
    public void From_NoUsage_FallsBackToTokenizerCount()
    {
        var capture = Capture(sentMs: 0, endMs: 50, (" the", 10), (" of", 20), (" and", 30));

        var m = RequestMeasurement.From(Scheduled(0), capture, 0, _clock, TokenCounter.Default);

        Assert.Equal(3, m.Record.OutputTokens);
        Assert.Equal("tokenizer", m.Record.TokenSource);
        Assert.Equal(3, m.Record.OutputTokensTokenizer);
    }

    [Fact]
    public void From_FailedBeforeContent_HasNoTtftButKeepsE2e()
    {
        var capture = Capture(sentMs: 5, endMs: 35);
        capture.Status = 429;
        capture.Fail(ErrorClass.RateLimited, "HTTP 429: slow down");

        var m = RequestMeasurement.From(Scheduled(5), capture, 0, _clock, TokenCounter.Default);

        Assert.Null(m.Record.TtftMs);
        Assert.Null(m.Record.TpotMs);
        Assert.Null(m.Record.OutputTokens);
        Assert.Null(m.Record.InputTokens);
        Assert.Equal(30, m.Record.E2eMs!.Value, 6);
        Assert.Equal(ErrorClass.RateLimited, m.Record.Error);
    }

    private ScheduledRequest Scheduled(double ms)
        => new(7, false, At(ms), new PreparedRequest(new PromptPlan("p", 12, 4), []));

    private ResponseCapture Capture(double sentMs, double endMs, params (string Text, double Ms)[] chunks)
    {
        var capture = new ResponseCapture { SentAt = At(sentMs), HeadersAt = At(sentMs + 1), EndAt = At(endMs), Status = 200 };
        foreach (var (text, ms) in chunks)
        {
            capture.Text.Write<byte>(Encoding.UTF8.GetBytes(text));
            capture.AddContentChunk(At(ms));
        }

        return capture;
    }

    private long At(double ms) => _clock.GetTimestamp() + (long)(ms * _clock.TimestampFrequency / 1000);
}
