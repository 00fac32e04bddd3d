using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Pricing;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Cost;

/// <summary>The engine with a budget: requests of random sizes end in random order, many in flight, each settling what it cost.</summary>
public sealed class BudgetEngineTests
{
    private static readonly ModelPrice Price = new("m", 3m, 0.3m, 15m, "test", null);

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    [InlineData(false, 4)]
    public async Task RunAsync_Budget_StopsSendingAndLetsInFlightFinishWithinTheCap(bool openLoop, int seed)
    {
        var guard = new BudgetGuard(5m, Price);
        var executor = new SettlingExecutor(guard, seed);
        var shape = openLoop
            ? new LoadShape { Rate = double.PositiveInfinity, Concurrency = 64, Requests = 1_000_000 }
            : new LoadShape { Concurrency = 64, Requests = 1_000_000 };

        var result = await new LoadEngine(shape, executor, new LiveCounters(), TimeProvider.System, guard)
            .RunAsync(TimeProvider.System.GetTimestamp(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(StopReason.Budget, result.StoppedBy);
        Assert.True(guard.Exhausted);
        Assert.Equal(0m, guard.ReservedUsd);
        Assert.Equal(executor.Sent, executor.Settled);
        Assert.Equal(result.Sent, executor.Sent);
        Assert.True(guard.SpentUsd <= 5m, $"spent {guard.SpentUsd}");
        Assert.True(executor.MaxInFlight > 8, $"at most {executor.MaxInFlight} in flight");
        Assert.True(executor.Sent > 200, $"only {executor.Sent} sent");
    }

    private sealed class SettlingExecutor(BudgetGuard guard, int seed) : IRequestExecutor
    {
        private int _sent;
        private int _settled;
        private int _inFlight;
        private int _maxInFlight;

        public int Sent => _sent;

        public int Settled => _settled;

        public int MaxInFlight => _maxInFlight;

        public PreparedRequest Prepare(long seq, int? inputTokens = null, int? outputTokens = null)
        {
            var random = new Random(HashCode.Combine(seed, seq));
            return new PreparedRequest(new PromptPlan("p", random.Next(1, 3_000), random.Next(1, 1_000)), []);
        }

        public async Task ExecuteAsync(ScheduledRequest request, CancellationToken stopSending, CancellationToken abort)
        {
            Interlocked.Increment(ref _sent);
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            var random = new Random(HashCode.Combine(seed, request.Seq, 1));
            await Task.Delay(random.Next(0, 20), CancellationToken.None);
            var plan = request.Request.Plan;
            var actual = random.Next(6) == 0 ? 0m : Price.CostUsd(plan.InputTokens, 0, random.Next(0, plan.MaxOutputTokens + 1));
            Interlocked.Decrement(ref _inFlight);
            guard.Settle(plan, actual);
            Interlocked.Increment(ref _settled);
        }
    }
}
