using LlmLoad.Traffic;

namespace LlmLoad.Tests.Traffic;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Next_Constant_OffsetsAreExactMultiplesWithoutDrift()
    {
        var schedule = ArrivalSchedule.ForRate(200, new ArrivalProcess(ArrivalKind.Constant), seed: 1);
        TimeSpan last = default;
        for (var i = 0; i <= 1_000_000; i++)
        {
            last = schedule.Next()!.Value.Offset;
        }

        Assert.Equal(TimeSpan.FromSeconds(5000), last);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(4.0)]
    public void Next_GammaOrPoisson_MeanRateHoldsAndBurstinessFollowsShape(double shape)
    {
        var process = shape == 1.0 ? new ArrivalProcess(ArrivalKind.Poisson) : new ArrivalProcess(ArrivalKind.Gamma, shape);
        var gaps = Gaps(ArrivalSchedule.ForRate(50, process, seed: 7), 40_000);

        var mean = gaps.Average();
        var cv = Math.Sqrt(gaps.Select(g => (g - mean) * (g - mean)).Average()) / mean;

        Assert.Equal(1.0 / 50, mean, 0.0005);
        Assert.Equal(1 / Math.Sqrt(shape), cv, 0.05);
    }

    [Fact]
    public void Next_SameSeed_SameSchedule_DifferentSeed_Different()
    {
        var poisson = new ArrivalProcess(ArrivalKind.Poisson);
        Assert.Equal(Gaps(ArrivalSchedule.ForRate(10, poisson, 42), 100), Gaps(ArrivalSchedule.ForRate(10, poisson, 42), 100));
        Assert.NotEqual(Gaps(ArrivalSchedule.ForRate(10, poisson, 42), 100), Gaps(ArrivalSchedule.ForRate(10, poisson, 43), 100));
    }

    [Fact]
    public void Next_InfiniteRate_EverythingAtZero()
    {
        var schedule = ArrivalSchedule.ForRate(double.PositiveInfinity, new ArrivalProcess(ArrivalKind.Poisson), 1);
        Assert.All(Enumerable.Range(0, 10).Select(_ => schedule.Next()!.Value.Offset), offset => Assert.Equal(TimeSpan.Zero, offset));
    }

    [Theory]
    [InlineData("poisson", ArrivalKind.Poisson, 1)]
    [InlineData("constant", ArrivalKind.Constant, 1)]
    [InlineData("gamma:0.25", ArrivalKind.Gamma, 0.25)]
    public void TryParse_ValidText_GivesProcess(string text, ArrivalKind kind, double shape)
    {
        Assert.True(ArrivalProcess.TryParse(text, out var process, out _));
        Assert.Equal(new ArrivalProcess(kind, shape), process);
    }

    [Theory]
    [InlineData("gamma:0")]
    [InlineData("gamma:x")]
    [InlineData("bursty")]
    public void TryParse_InvalidText_ExplainsWhatIsExpected(string text)
    {
        Assert.False(ArrivalProcess.TryParse(text, out _, out var error));
        Assert.Contains("poisson, constant or gamma:SHAPE", error);
    }

    private static double[] Gaps(ArrivalSchedule schedule, int count)
    {
        var gaps = new double[count];
        var previous = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            var next = schedule.Next()!.Value.Offset;
            gaps[i] = (next - previous).TotalSeconds;
            previous = next;
        }

        return gaps;
    }
}
