using LlmLoad.Analysis.Slo;
using LlmLoad.Recording;

namespace LlmLoad.Tests.Analysis.Slo;

/// <summary>The live check of objectives written with ,abort=D, fed completions at explicit run times.</summary>
public sealed class SloAbortWatchTests
{
    [Fact]
    public void Trips_WhenTheObjectiveFailsOverItsLastWindow_NotOnAFewSlowRequests()
    {
        using var watch = new SloAbortWatch([Slo("ttft.p95<500ms,abort=3s"), Slo("error_rate<50%")]);

        // Ten requests a second at 100 ms for 5 s, one of them slow: 1 in the ~31 of a 3 s window is under 5%, so p95 stays 100 ms.
        for (var ms = 0; ms < 5000; ms += 100)
        {
            watch.Observe(Measurement(ms == 2000 ? 2000 : 100), ms);
        }

        Assert.Null(watch.Abort);
        Assert.False(watch.Tripped.IsCancellationRequested);

        // Then every request takes 2 s: the 3 s window's p95 passes 500 ms once more than 5% of it is slow.
        var ms2 = 5000;
        for (; watch.Abort is null && ms2 < 10_000; ms2 += 100)
        {
            watch.Observe(Measurement(2000), ms2);
        }

        Assert.True(watch.Tripped.IsCancellationRequested);
        Assert.Equal("ttft.p95<500ms", watch.Abort!.Objective.Text);
        Assert.InRange(watch.Abort.AtMs, 5000, 6100);
        Assert.InRange(watch.Abort.Measured, 1990, 2010);
        Assert.InRange(watch.Abort.Requests, 29, 31);
    }

    [Fact]
    public void DoesNotTrip_BeforeTheRunHasCompletedRequestsForTheWholeWindow_OrWithTooFewRequests()
    {
        using var early = new SloAbortWatch([Slo("ttft.p50<500ms,abort=10s")]);
        for (var ms = 0; ms < 9000; ms += 50)
        {
            early.Observe(Measurement(2000), ms);
        }

        Assert.Null(early.Abort);

        using var sparse = new SloAbortWatch([Slo("ttft.p50<500ms,abort=2s")]);
        for (var ms = 0; ms < 20_000; ms += 1000)
        {
            sparse.Observe(Measurement(2000), ms);
        }

        Assert.Null(sparse.Abort);
    }

    [Fact]
    public void Parse_AbortOption_KeepsTheExpressionAsTheName()
    {
        var slo = Slo("ttft.p95 < 800ms, abort=30s");

        Assert.Equal("ttft.p95<800ms", slo.Text);
        Assert.Equal(TimeSpan.FromSeconds(30), slo.AbortAfter);
        Assert.Null(Slo("error_rate<1%").AbortAfter);
    }

    [Theory]
    [InlineData("ttft.p95<800ms,abort=soon")]
    [InlineData("ttft.p95<800ms,abort=500ms")]
    [InlineData("ttft.p95<800ms,stop=30s")]
    public void Parse_BadAbortOption_SaysWhatWasExpected(string text)
    {
        Assert.False(SloParser.TryParse(text, out _, out var error));
        Assert.Contains("expected abort=D", error, StringComparison.Ordinal);
    }

    private static ServiceLevelObjective Slo(string text)
    {
        Assert.True(SloParser.TryParse(text, out var slo, out var error), error);
        return slo;
    }

    private static RequestMeasurement Measurement(double ttftMs) => new(new RequestRecord
    {
        Seq = 0,
        Warmup = false,
        Status = 200,
        ScheduledMs = 0,
        SentMs = 0,
        TtftMs = ttftMs,
        E2eMs = ttftMs + 100,
        TokenSource = "usage",
        MaxTokens = 8,
        OutputTokens = 8,
        InputTokensTokenizer = 8,
    }, [], []);
}
