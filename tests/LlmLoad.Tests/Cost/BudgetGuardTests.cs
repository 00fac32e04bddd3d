using LlmLoad.Cost;
using LlmLoad.Pricing;

namespace LlmLoad.Tests.Cost;

public sealed class BudgetGuardTests
{
    private static readonly ModelPrice Price = new("m", 3m, 0.3m, 15m, "test", null);

    [Fact]
    public void TryReserve_NextCouldCrossTheCap_RefusesItAndEveryRequestAfter()
    {
        var guard = new BudgetGuard(1.00m, Price);

        Assert.True(guard.TryReserve(0.40m));
        Assert.True(guard.TryReserve(0.40m));
        Assert.False(guard.TryReserve(0.40m));
        guard.Settle(0.40m, 0.10m);
        // Room again, but the run already stopped sending: a refusal is final.
        Assert.False(guard.TryReserve(0.01m));
        Assert.True(guard.Exhausted);
        Assert.Equal(0.40m, guard.RefusedWorstCaseUsd);
    }

    [Fact]
    public void TryReserve_ExactlyReachingTheCap_IsAllowed()
    {
        var guard = new BudgetGuard(1.00m, Price);

        Assert.True(guard.TryReserve(0.60m));
        Assert.True(guard.TryReserve(0.40m));
        Assert.Equal(1.00m, guard.ReservedUsd);
    }

    [Fact]
    public void Settle_CostAboveTheReservation_CountsAnOverrun()
    {
        var guard = new BudgetGuard(1.00m, Price);
        guard.TryReserve(0.10m);

        guard.Settle(0.10m, 0.12m);

        Assert.Equal(1, guard.Overruns);
        Assert.Equal(0.12m, guard.SpentUsd);
        Assert.Equal(0m, guard.ReservedUsd);
    }

    /// <summary>
    /// The guarantee as a property: many requests in flight, sizes and completion order random, each costing at most its
    /// reservation. At every step spent + reserved stays within the cap, the run ends having spent at most the cap, and
    /// it stops only when the next request really did not fit.
    /// </summary>
    [Fact]
    public void Guard_RandomSizesAndCompletionOrders_NeverOvershootsTheCap()
    {
        var random = new Random(20260601);
        for (var iteration = 0; iteration < 2_000; iteration++)
        {
            var cap = Math.Round((decimal)(random.NextDouble() * 2) + 0.01m, 4);
            var guard = new BudgetGuard(cap, Price);
            var maxInFlight = random.Next(1, 200);
            var inFlight = new List<(int Input, int MaxTokens, decimal Worst)>();
            var stopped = false;
            for (var step = 0; step < 5_000 && !(stopped && inFlight.Count == 0); step++)
            {
                if (!stopped && inFlight.Count < maxInFlight && random.Next(3) > 0)
                {
                    var (input, maxTokens) = (random.Next(1, 8_000), random.Next(1, 4_000));
                    var worst = WorstCase.Usd(Price, input, maxTokens);
                    var before = guard.SpentUsd + guard.ReservedUsd;
                    if (guard.TryReserve(worst))
                    {
                        inFlight.Add((input, maxTokens, worst));
                    }
                    else
                    {
                        Assert.True(before + worst > cap, $"iteration {iteration}: refused a request that fitted");
                        stopped = true;
                    }
                }
                else if (inFlight.Count > 0)
                {
                    // Any request in flight may end next; it used anything from nothing (refused) to all of its max_tokens.
                    var index = random.Next(inFlight.Count);
                    var (input, maxTokens, worst) = inFlight[index];
                    inFlight.RemoveAt(index);
                    var actual = random.Next(5) == 0 ? 0m : Price.CostUsd(input, 0, random.Next(0, maxTokens + 1));
                    guard.Settle(worst, actual);
                }

                Assert.True(guard.SpentUsd + guard.ReservedUsd <= cap, $"iteration {iteration}, step {step}: committed {guard.SpentUsd + guard.ReservedUsd} above the cap {cap}");
            }

            Assert.True(guard.SpentUsd <= cap);
            Assert.Equal(0, guard.Overruns);
        }
    }

    [Fact]
    public async Task Guard_ManyThreadsReservingAndSettling_NeverOvershootsTheCap()
    {
        var guard = new BudgetGuard(5m, Price);
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 10_000; i++)
            {
                var worst = WorstCase.Usd(Price, random.Next(1, 2_000), random.Next(1, 500));
                if (!guard.TryReserve(worst))
                {
                    return;
                }

                Assert.True(guard.SpentUsd + guard.ReservedUsd <= 5m);
                guard.Settle(worst, worst * (decimal)random.NextDouble());
            }
        }));

        await Task.WhenAll(workers);

        Assert.True(guard.Exhausted);
        Assert.True(guard.SpentUsd <= 5m, $"spent {guard.SpentUsd}");
        Assert.Equal(0m, guard.ReservedUsd);
    }
}
