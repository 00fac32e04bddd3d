using LlmLoad.Simulator.Metrics;

namespace LlmLoad.Simulator.Tests.Metrics;

/// <summary>The optional DCGM-like series: valid exposition, labelled SIMULATED, following the batch and the KV cache.</summary>
public sealed class SimulatedGpuTests
{
    [Fact]
    public async Task Render_WithSimulatedGpu_DcgmFamiliesFollowTheBatchAndSaySimulated()
    {
        var state = new ServingSnapshot(0, 0, 0);
        var metrics = new ServerMetrics(() => state, "m", new SimulatedGpu(maxBatch: 8));

        var idle = await PrometheusParser.ParseAsync(metrics.Render());
        state = new ServingSnapshot(8, 3, 0.5);
        var full = await PrometheusParser.ParseAsync(metrics.Render());

        var dcgm = full.Where(f => f.Name.StartsWith("DCGM_FI_", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, dcgm.Count);
        Assert.All(dcgm, f => Assert.StartsWith("SIMULATED by llmload", f.Help, StringComparison.Ordinal));
        Assert.Equal(0, Value(idle, "DCGM_FI_DEV_GPU_UTIL"));
        Assert.Equal(1, Value(idle, "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS"));
        Assert.Equal(100, Value(full, "DCGM_FI_DEV_GPU_UTIL"));
        Assert.Equal(0, Value(full, "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS"));
        // Half the KV cache in use: weights plus half of the rest of an 80 GB card.
        Assert.Equal(16_384 + (0.5 * (81_920 - 16_384)), Value(full, "DCGM_FI_DEV_FB_USED"));
        Assert.Equal(81_920, Value(full, "DCGM_FI_DEV_FB_USED") + Value(full, "DCGM_FI_DEV_FB_FREE"));
        Assert.True(Value(full, "DCGM_FI_DEV_POWER_USAGE") > Value(idle, "DCGM_FI_DEV_POWER_USAGE"));
    }

    [Fact]
    public void Render_WithoutSimulatedGpu_HasNoGpuSeries()
    {
        var metrics = new ServerMetrics(() => new ServingSnapshot(1, 0, 0.1), "m");
        Assert.DoesNotContain("DCGM_FI_", metrics.Render(), StringComparison.Ordinal);
    }

    private static double Value(IReadOnlyList<ParsedFamily> families, string name) => families.Single(f => f.Name == name).Samples.Single().Value;
}
