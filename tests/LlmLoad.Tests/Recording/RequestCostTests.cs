using LlmLoad.Cost;
using LlmLoad.Pricing;
using LlmLoad.Providers;
using LlmLoad.Recording;

namespace LlmLoad.Tests.Recording;

public sealed class RequestCostTests
{
    private static readonly ModelPrice Price = new("m", 2.50m, 1.25m, 10.00m, "test", null);

    [Fact]
    public void Of_CachedInput_BillsCachedTokensAtTheCachedPrice()
    {
        // 800 uncached x $2.50/M = $0.002; 200 cached x $1.25/M = $0.00025; 500 output x $10/M = $0.005.
        var cost = RequestCost.Of(Price, Record(input: 1000, cached: 200, output: 500));

        Assert.Equal(0.002m, cost.InputUsd);
        Assert.Equal(0.00025m, cost.CachedInputUsd);
        Assert.Equal(0.005m, cost.OutputUsd);
        Assert.Equal(0.00725m, cost.TotalUsd);
    }

    [Fact]
    public void Of_RefusedBeforeAnyResponse_CostsNothing()
    {
        var record = Record(input: null, cached: null, output: null) with { Status = 429, Error = ErrorClass.RateLimited };

        Assert.Equal(0m, RequestCost.Of(Price, record).TotalUsd);
    }

    [Fact]
    public void Of_StreamCutPartWay_CostsTheInputAndTheOutputReceived()
    {
        // The tokenizer counted 7 tokens received before the cut: 100 x $2.50/M + 7 x $10/M.
        var record = Record(input: 100, cached: null, output: 7) with { Error = ErrorClass.StreamError, TokenSource = "tokenizer" };

        Assert.Equal(0.00032m, RequestCost.Of(Price, record).TotalUsd);
    }

    [Fact]
    public void Of_WorkedExample_MatchesThePlanCalculator()
    {
        // Issue 6: 2,000 input and 1,000 output tokens at $3/M and $15/M: $0.006 + $0.015 per request, $210 for 10,000.
        var price = new ModelPrice("m", 3m, 3m, 15m, "test", null);

        var cost = RequestCost.Of(price, Record(input: 2000, cached: 0, output: 1000));

        Assert.Equal(0.021m, cost.TotalUsd);
        Assert.Equal(210m, cost.TotalUsd * 10_000);
    }

    [Fact]
    public void WorstCase_ReservesTheMarginOnInputAndMaxTokensOnOutput()
    {
        // ceil(100 x 1.5 + 64) = 214 input tokens at $2.50/M + 50 output at $10/M = $0.000535 + $0.0005.
        Assert.Equal(0.001035m, WorstCase.Usd(Price, inputTokens: 100, maxTokens: 50));
    }

    [Fact]
    public void WorstCase_CachedDearerThanInput_ReservesAtTheDearerPrice()
    {
        var odd = Price with { CachedInputPerMillion = 5m };

        Assert.Equal(((214 * 5m) + (50 * 10m)) / 1_000_000m, WorstCase.Usd(odd, 100, 50));
    }

    private static RequestRecord Record(int? input, int? cached, int? output) => new()
    {
        Seq = 0,
        Warmup = false,
        Status = 200,
        ScheduledMs = 0,
        SentMs = 0,
        InputTokens = input,
        CachedTokens = cached,
        OutputTokens = output,
        TokenSource = "usage",
        MaxTokens = 1000,
        InputTokensTokenizer = input ?? 0,
    };
}
