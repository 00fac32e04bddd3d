using System.Diagnostics;
using LlmLoad.Simulator.Faults;

namespace LlmLoad.Simulator.Tests.Faults;

public sealed class FaultPlanTests
{
    // A fixed start: tests place arrivals relative to it instead of waiting.
    private const long Start = 1_000_000;

    private static readonly FaultRule Always503 = FaultRuleText.Parse("503");
    private static readonly FaultRule Always429 = FaultRuleText.Parse("429");

    [Fact]
    public void Decide_NoRules_ReturnsNullWithoutDrawing()
    {
        var plan = new FaultPlan([], Start);
        var random = new CountingRandom();

        Assert.Null(plan.Decide(At(1), random));
        Assert.Equal(0, random.Draws);
    }

    [Fact]
    public void Decide_Probability_HitsThatShareOfRequests()
    {
        var rule = FaultRuleText.Parse("429,p=0.05");
        var plan = new FaultPlan([rule], Start);
        var random = new Random(1234);

        var hits = Enumerable.Range(0, 10_000).Count(_ => plan.Decide(At(1), random) is not null);

        // 4 standard deviations of a binomial(10 000, 0.05) is about 87.
        Assert.InRange(hits, 500 - 90, 500 + 90);
    }

    [Fact]
    public void Decide_SameSeed_SameDecisions()
    {
        var plan = new FaultPlan([FaultRuleText.Parse("429,p=0.3"), FaultRuleText.Parse("cut,p=0.5")], Start);
        var first = new Random(7);
        var second = new Random(7);

        var a = Enumerable.Range(0, 1000).Select(_ => plan.Decide(At(1), first)?.Kind).ToList();
        var b = Enumerable.Range(0, 1000).Select(_ => plan.Decide(At(1), second)?.Kind).ToList();

        Assert.Equal(a, b);
    }

    [Fact]
    public void Decide_SeveralActiveRules_FirstHitWinsAndLaterRulesDrawNothing()
    {
        var plan = new FaultPlan([Always503, Always429], Start);
        var random = new CountingRandom();

        Assert.Same(Always503, plan.Decide(At(1), random));
        Assert.Equal(1, random.Draws);
    }

    [Fact]
    public void Decide_FirstRuleMisses_NextRuleGetsItsOwnDraw()
    {
        var plan = new FaultPlan([FaultRuleText.Parse("500,p=0.5"), Always429], Start);
        var random = new CountingRandom(0.7);

        Assert.Same(Always429, plan.Decide(At(1), random));
        Assert.Equal(2, random.Draws);
    }

    [Fact]
    public void Decide_InactiveRules_DrawNothing()
    {
        var outage = FaultRuleText.Parse("503,from=60s,until=120s");
        var plan = new FaultPlan([outage, FaultRuleText.Parse("429,p=0.5")], Start);
        var random = new CountingRandom(0.9);

        Assert.Null(plan.Decide(At(30), random));
        Assert.Equal(1, random.Draws);
        Assert.Same(outage, plan.Decide(At(60), random));
        Assert.Null(plan.Decide(At(120), random));
    }

    [Fact]
    public void ReplaceAddClear_ChangeTheRulesInOrder()
    {
        var plan = new FaultPlan([Always503], Start);

        plan.Replace([Always429]);
        plan.Add(Always503);
        Assert.Equal([Always429, Always503], plan.Rules);

        plan.Clear();
        Assert.Empty(plan.Rules);
        Assert.Null(plan.Decide(At(1), new Random(1)));
    }

    [Fact]
    public void Rules_IsASnapshot()
    {
        var plan = new FaultPlan([Always503], Start);
        var before = plan.Rules;

        plan.Add(Always429);

        Assert.Single(before);
        Assert.Equal(2, plan.Rules.Count);
    }

    [Fact]
    public async Task Add_FromManyThreads_KeepsEveryRule()
    {
        var plan = new FaultPlan([], Start);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                plan.Add(Always429);
            }
        })));

        Assert.Equal(4000, plan.Rules.Count);
    }

    [Fact]
    public void Uptime_CountsFromTheStartTimestamp()
    {
        var plan = new FaultPlan([], Stopwatch.GetTimestamp() - (10 * Stopwatch.Frequency));

        Assert.InRange(plan.Uptime, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(70));
    }

    private static long At(double seconds) => Start + (long)(seconds * Stopwatch.Frequency);

    /// <summary>Returns a fixed value and counts how often a rule drew.</summary>
    private sealed class CountingRandom(double value = 0) : Random
    {
        public int Draws { get; private set; }

        public override double NextDouble()
        {
            Draws++;
            return value;
        }
    }
}
