using LlmLoad.Planning;
using LlmLoad.Pricing;

namespace LlmLoad.Tests.Planning;

public sealed class CapacityPlannerTests
{
    [Fact]
    public void Plan_20PerSecondAt1500In800Out_Peaks2760000TokensPerMinute()
    {
        var plan = CapacityPlanner.Plan(new PlanInputs { RequestsPerSecond = 20, InputTokens = 1_500, OutputTokens = 800 });

        var peak = plan.Levels[0].Load;
        Assert.Equal(2_760_000m, peak.TokensPerMinute);
        Assert.Equal(1_800_000m, peak.InputTokensPerMinute);
        Assert.Equal(960_000m, peak.OutputTokensPerMinute);
        Assert.Equal(1_200m, peak.RequestsPerMinute);
        Assert.Null(peak.Concurrency);
    }

    [Fact]
    public void Plan_50PerSecondAt5SecondsMean_Needs250InFlight()
    {
        var plan = CapacityPlanner.Plan(new PlanInputs
        {
            RequestsPerSecond = 50, InputTokens = 100, OutputTokens = 100, ResponseTime = new ResponseTime(5, ResponseTimeStatistic.Mean),
        });

        Assert.Equal(250m, plan.Levels[0].Load.Concurrency);
    }

    [Fact]
    public void Plan_HeadroomAndGrowth_MultiplyEveryFigure()
    {
        var plan = CapacityPlanner.Plan(new PlanInputs
        {
            RequestsPerSecond = 10, InputTokens = 1_000, OutputTokens = 500, ResponseTime = new ResponseTime(2, ResponseTimeStatistic.P95),
            Headroom = 0.5m, Growth = 3m,
        });

        Assert.Equal(["peak", "with_headroom", "with_headroom_and_growth"], plan.Levels.Select(l => l.Key));
        var (peak, withHeadroom, withGrowth) = (plan.Levels[0].Load, plan.Levels[1].Load, plan.Levels[2].Load);
        Assert.Equal((600m, 900_000m, 20m), (peak.RequestsPerMinute, peak.TokensPerMinute, peak.Concurrency));
        Assert.Equal((900m, 1_350_000m, 30m), (withHeadroom.RequestsPerMinute, withHeadroom.TokensPerMinute, withHeadroom.Concurrency));
        Assert.Equal((2_700m, 4_050_000m, 90m), (withGrowth.RequestsPerMinute, withGrowth.TokensPerMinute, withGrowth.Concurrency));
    }

    [Fact]
    public void Plan_DefaultsAre30PercentHeadroomAndDoubling()
    {
        var plan = CapacityPlanner.Plan(new PlanInputs { RequestsPerSecond = 10, InputTokens = 1, OutputTokens = 0 });

        Assert.Equal(13m, plan.Levels[1].Load.RequestsPerSecond);
        Assert.Equal(26m, plan.Levels[2].Load.RequestsPerSecond);
        Assert.Contains(plan.Assumptions, a => a.StartsWith("headroom 30% (default)", StringComparison.Ordinal));
        Assert.Contains(plan.Assumptions, a => a.StartsWith("growth ×2 (default)", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_CostAtPeak_PerHourAndPer730HourMonth()
    {
        // gpt-4o: 1,500 × $2.50/M + 800 × $10/M = $0.01175 a request; × 20/s × 3,600 s = $846 an hour; × 730 = $617,580.
        var plan = CapacityPlanner.Plan(new PlanInputs
        {
            RequestsPerSecond = 20, InputTokens = 1_500, OutputTokens = 800, Model = "gpt-4o", Price = PriceTable.BuiltIn.Find("gpt-4o"),
        });

        var cost = plan.Cost!;
        Assert.Equal(0.01175m, cost.PerRequest.TotalUsd);
        Assert.Equal(846m, cost.PeakPerHour!.Value.TotalUsd);
        Assert.Equal(617_580m, cost.PeakPerMonth!.Value.TotalUsd);
        Assert.Equal(1_235_160m, cost.GrownPerMonth!.Value.TotalUsd);
        Assert.Null(cost.ForRequests);
    }

    [Fact]
    public void Plan_RequestsOnly_PricesThemWithoutLoadLevels()
    {
        var plan = CapacityPlanner.Plan(new PlanInputs
        {
            Requests = 10_000, InputTokens = 2_000, OutputTokens = 1_000, Price = new ModelPrice("m", 3, 3, 15, "test", null),
        });

        Assert.Empty(plan.Levels);
        Assert.Equal((60m, 150m, 210m), (plan.Cost!.ForRequests!.Value.InputUsd, plan.Cost.ForRequests.Value.OutputUsd, plan.Cost.ForRequests.Value.TotalUsd));
        Assert.Null(plan.Cost.PeakPerHour);
    }

    [Theory]
    // gpt-4o tiers (RPM / TPM): 1 = 500 / 30k, 2 = 5,000 / 450k, 3 = 5,000 / 800k, 4 = 10,000 / 2M, 5 = 10,000 / 30M.
    [InlineData(0.2, 1_000, 500, "Tier 1")]    // 12 RPM, 18,000 TPM
    [InlineData(1, 1_000, 500, "Tier 2")]      // 60 RPM, 90,000 TPM: over Tier 1's 30,000 TPM
    [InlineData(5, 1_000, 500, "Tier 2")]      // 300 RPM, 450,000 TPM: exactly Tier 2's limit
    [InlineData(100, 100, 10, "Tier 4")]       // 6,000 RPM: over Tier 3's 5,000 RPM although 660,000 TPM would fit it
    [InlineData(200, 1_500, 1_000, null)]      // 12,000 RPM: above every tier
    public void Plan_GptFourO_SmallestTierWhoseEveryLimitCoversThePeak(decimal rate, int input, int output, string? tier)
    {
        var plan = CapacityPlanner.Plan(new PlanInputs
        {
            RequestsPerSecond = rate, InputTokens = input, OutputTokens = output, Model = "gpt-4o", Tiers = TierTables.BuiltIn.Find("gpt-4o"),
        });

        Assert.Equal(tier, plan.Levels[0].Tier?.Name);
    }

    [Fact]
    public void Plan_AnthropicTiers_OutputTokensPerMinuteCanBind()
    {
        // Sonnet 4.x: Tier 2 = 1,000 RPM, 450,000 ITPM, 90,000 OTPM; Tier 3 = 2,000 / 800,000 / 160,000.
        // 2 req/s × 1,000 output = 120,000 OTPM: over Tier 2's 90,000 although 120 RPM and 12,000 ITPM fit it.
        var plan = CapacityPlanner.Plan(new PlanInputs
        {
            RequestsPerSecond = 2, InputTokens = 100, OutputTokens = 1_000, Model = "claude-sonnet-4-5-20250929",
            Tiers = TierTables.BuiltIn.Find("claude-sonnet-4-5-20250929"),
        });

        Assert.Equal("anthropic-sonnet-opus-4", plan.Inputs.Tiers!.Name);
        Assert.Equal("Tier 3", plan.Levels[0].Tier?.Name);
    }

    [Fact]
    public void Plan_WithoutModelOrResponseTime_SaysWhatWasNotComputed()
    {
        var plan = CapacityPlanner.Plan(new PlanInputs { RequestsPerSecond = 1, InputTokens = 1, OutputTokens = 1 });

        Assert.Null(plan.Cost);
        Assert.Contains(plan.Assumptions, a => a.Contains("concurrency not computed", StringComparison.Ordinal));
        Assert.Contains(plan.Assumptions, a => a.Contains("cost not computed", StringComparison.Ordinal));
        Assert.Contains(plan.Assumptions, a => a.Contains("no rate-limit tier", StringComparison.Ordinal));
    }
}
