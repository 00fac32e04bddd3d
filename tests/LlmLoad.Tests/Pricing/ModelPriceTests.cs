using LlmLoad.Pricing;

namespace LlmLoad.Tests.Pricing;

public sealed class ModelPriceTests
{
    private static readonly ModelPrice Gpt4o = new("gpt-4o", 2.50m, 1.25m, 10.00m, "test", null);

    [Fact]
    public void Cost_UncachedCachedAndOutput_EachAtItsOwnPrice()
    {
        // 1,000 × $2.50/M = $0.0025; 500 × $1.25/M = $0.000625; 200 × $10/M = $0.002.
        var cost = Gpt4o.Cost(1_000, 500, 200);

        Assert.Equal(0.0025m, cost.InputUsd);
        Assert.Equal(0.000625m, cost.CachedInputUsd);
        Assert.Equal(0.002m, cost.OutputUsd);
        Assert.Equal(0.005125m, cost.TotalUsd);
        Assert.Equal(0.005125m, Gpt4o.CostUsd(1_000, 500, 200));
    }

    [Fact]
    public void Cost_WorkedExample_TenThousandRequestsCost210Dollars()
    {
        var price = new ModelPrice("m", 3m, 3m, 15m, "test", null);

        var cost = price.Cost(2_000, 0, 1_000).Times(10_000);

        Assert.Equal(60m, cost.InputUsd);
        Assert.Equal(150m, cost.OutputUsd);
        Assert.Equal(210m, cost.TotalUsd);
    }

    [Fact]
    public void CostUsd_ManySmallRequests_SumsExactly()
    {
        // One token of gpt-4o-mini input is $0.00000015: a binary double would drift over a million additions.
        var mini = new ModelPrice("gpt-4o-mini", 0.15m, 0.075m, 0.60m, "test", null);
        var total = 0m;
        for (var i = 0; i < 1_000_000; i++)
        {
            total += mini.CostUsd(1, 0, 0);
        }

        Assert.Equal(0.15m, total);
    }

    [Fact]
    public void Cost_NegativeTokens_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Gpt4o.Cost(-1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gpt4o.Cost(0, 0, -5));
    }
}
