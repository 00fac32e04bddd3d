using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis;
using LlmLoad.Providers;
using LlmLoad.Recording;

namespace LlmLoad.Tests.Analysis.Slo;

public sealed class GoodputTests
{
    [Fact]
    public void Add_PerRequestObjectives_CountsRequestsMeetingAllOfThemOverAllMeasured()
    {
        var goodput = new Goodput([Slo("ttft.p95<500ms"), Slo("e2e.p99<=2s"), Slo("error_rate<1%"), Slo("itl.p99<10ms")]);

        goodput.Add(Record(ttft: 200, e2e: 1500));                        // meets both
        goodput.Add(Record(ttft: 499, e2e: 2000));                        // meets both (<= 2s)
        goodput.Add(Record(ttft: 600, e2e: 900));                         // TTFT too slow
        goodput.Add(Record(ttft: 100, e2e: 2100));                        // E2E too slow
        goodput.Add(Record(ttft: null, e2e: 30, ErrorClass.ServerError)); // failed: counts, never meets

        Assert.Equal(["ttft.p95<500ms", "e2e.p99<=2s"], goodput.PerRequest.Select(o => o.Text));
        Assert.Equal(2, goodput.Met);
        Assert.Equal(5, goodput.Counted);
        Assert.Equal(0.4, goodput.Ratio!.Value, 9);
    }

    [Fact]
    public void Add_NoPerRequestObjective_IsTheSuccessShare()
    {
        var goodput = new Goodput([Slo("error_rate<1%")]);

        goodput.Add(Record(ttft: 9000, e2e: 9000));
        goodput.Add(Record(ttft: 1, e2e: 1));
        goodput.Add(Record(ttft: null, e2e: 5, ErrorClass.RateLimited));
        goodput.Add(Record(ttft: null, e2e: 5, ErrorClass.Timeout));

        Assert.Equal(0.5, goodput.Ratio);
    }

    [Fact]
    public void Add_RequestWithoutTheValue_IsNotHeldToIt()
    {
        var goodput = new Goodput([Slo("tpot.p95<30ms")]);

        goodput.Add(Record(ttft: 10, e2e: 10, tpot: null));
        goodput.Add(Record(ttft: 10, e2e: 10, tpot: 31));

        Assert.Equal(1, goodput.Met);
    }

    [Fact]
    public void Goodput_NothingMeasured_HasNoRatio() => Assert.Null(new Goodput([]).Ratio);

    [Fact]
    public void Evaluate_RunStatistics_MeasuresEachObjectiveAndFailsWhenNothingWasMeasured()
    {
        var stats = new RunStatistics([Slo("ttft.max<300ms"), Slo("e2e.p50<1s")]);
        stats.Add(Measurement(Record(ttft: 100, e2e: 500)));
        stats.Add(Measurement(Record(ttft: 400, e2e: 800)));
        stats.Add(Measurement(Record(ttft: 200, e2e: 600)));
        stats.Add(Measurement(Record(ttft: null, e2e: 20, ErrorClass.RateLimited)));
        stats.Add(Measurement(Record(ttft: 5000, e2e: 9000) with { Warmup = true }));

        var results = SloCheck.Evaluate(
            [Slo("ttft.max<300ms"), Slo("error_rate<=25%"), Slo("rate_limited<10%"), Slo("goodput>=50%"), Slo("requests_per_s>2"), Slo("itl.p50<1s")],
            stats, requestsPerSecond: 3, outputTokensPerSecond: 0);

        Assert.InRange(results[0].Measured!.Value, 399.5, 400.5); // the histogram keeps 3 significant digits
        Assert.Equal([0.25, 0.25, 0.5, 3, null], results.Skip(1).Select(r => r.Measured));
        Assert.Equal([false, true, false, true, true, false], results.Select(r => r.Passed));
        Assert.Equal("no data", results[^1].MeasuredText);
        Assert.Equal("25%", results[1].MeasuredText);
    }

    private static ServiceLevelObjective Slo(string text)
    {
        Assert.True(SloParser.TryParse(text, out var slo, out var error), error);
        return slo;
    }

    private static RequestMeasurement Measurement(RequestRecord record) => new(record, [], []);

    private static RequestRecord Record(double? ttft, double e2e, ErrorClass? error = null, double? tpot = 10) => new()
    {
        Seq = 0,
        Warmup = false,
        Error = error,
        Status = error is null ? 200 : 500,
        ScheduledMs = 0,
        SentMs = 0,
        TtftMs = ttft,
        E2eMs = e2e,
        TpotMs = error is null ? tpot : null,
        TokenSource = "usage",
        MaxTokens = 8,
        InputTokensTokenizer = 8,
    };
}
