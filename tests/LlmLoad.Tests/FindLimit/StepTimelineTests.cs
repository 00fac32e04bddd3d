using LlmLoad.FindLimit;
using Row = LlmLoad.FindLimit.StepTimeline.Row;

namespace LlmLoad.Tests.FindLimit;

public sealed class StepTimelineTests
{
    [Fact]
    public void Achieved_ServerKeepsUp_CompletionsPerSecondInTheSteadyPartEqualTheRate()
    {
        // 10 req/s for 30 s, each answered in 2 s with 50 tokens: the first completions lag 2 s behind the
        // first arrivals, which the steady part (the last two thirds) leaves out.
        var timeline = StepTimeline.Of(Arrivals(10, 30, _ => 2000));

        var (requests, tokens) = timeline.Achieved();

        Assert.InRange(requests, 9.8, 10.2);
        Assert.InRange(tokens, 490, 510);
        Assert.InRange(timeline.Offered()!.Value, 9.8, 10.2);
    }

    [Fact]
    public void Achieved_ServerServesHalf_HalfTheOfferedRate()
    {
        // A server that completes one request every 200 ms whatever arrives: 5 req/s of 10 offered.
        var timeline = StepTimeline.Of(Arrivals(10, 30, i => ((i + 1) * 200.0) - (i * 100.0)));

        Assert.InRange(timeline.Achieved().Requests, 4.8, 5.2);
        Assert.InRange(timeline.Offered()!.Value, 9.5, 10.5);
    }

    [Fact]
    public void Offered_DroppedArrivalsCountAsOffered()
    {
        var timeline = StepTimeline.Of(Arrivals(10, 30, _ => 100), dropped: 150);

        Assert.InRange(timeline.Offered()!.Value, 14.8, 15.3);
    }

    [Fact]
    public void Trend_ResponseTimeClimbs_ComparesTheFirstAndLastThirdsMedianTtftFromTheSchedule()
    {
        // TTFT grows 10 ms per request, and each send is 5 ms late: from-schedule TTFT of request i is 105 + 10 i.
        var rows = Enumerable.Range(0, 90).Select(i => new Row(i * 100, (i * 100) + 5, 100 + (10.0 * i), 1000 + (10.0 * i), 50, true));

        var trend = StepTimeline.Of(rows).Trend()!;

        Assert.Equal(105 + (10 * 14.5), trend.FirstThirdMs, 1);
        Assert.Equal(105 + (10 * 74.5), trend.LastThirdMs, 1);
    }

    [Fact]
    public void Trend_FailedRequestsAreLeftOut_AndTooFewGiveNone()
    {
        var rows = Enumerable.Range(0, 30).Select(i => new Row(i * 100, i * 100, i < 10 ? 50 : null, i < 10 ? 500 : null, 0, i < 10));

        Assert.Null(StepTimeline.Of(rows).Trend());
    }

    private static IEnumerable<Row> Arrivals(double rate, double seconds, Func<int, double> e2eMs)
        => Enumerable.Range(0, (int)(rate * seconds)).Select(i => new Row(i * 1000 / rate, i * 1000 / rate, 50, e2eMs(i), 50, true));
}
