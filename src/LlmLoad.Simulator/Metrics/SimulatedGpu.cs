namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// DCGM-exporter-like series for one SIMULATED GPU (names from NVIDIA/dcgm-exporter etc/default-counters.csv), so that
/// llmload's GPU columns and triggers can be exercised without a GPU. The figures are illustrative, not a model of any
/// device: utilisation rises with the batch's occupancy, memory with the KV cache's use, power and temperature with
/// utilisation. Every family's help says SIMULATED, so no dashboard can mistake them for a real GPU's.
/// </summary>
internal sealed class SimulatedGpu(int? maxBatch)
{
    /// <summary>An 80 GB card's framebuffer, MiB; 16 GiB of it weights and runtime, the rest KV cache.</summary>
    private const double FramebufferMib = 81_920;
    private const double WeightsMib = 16_384;
    private const double IdleWatts = 60;
    private const double BusyWatts = 400;

    private static readonly string Labels = string.Join(',',
        ExpositionWriter.Label("gpu", "0"),
        ExpositionWriter.Label("UUID", "GPU-llmload-simulated-0"),
        ExpositionWriter.Label("device", "nvidia0"),
        ExpositionWriter.Label("modelName", "llmload simulated GPU"));

    /// <summary>Busy share 0 to 1: the batch's occupancy (any running request keeps an unbounded batch fully busy).</summary>
    public double Utilization(ServingSnapshot state)
        => state.Running == 0 ? 0 : maxBatch is { } max ? Math.Min(1, 0.3 + (0.7 * state.Running / max)) : 1;

    public void Write(ExpositionWriter writer, ServingSnapshot state)
    {
        var busy = Utilization(state);
        var used = WeightsMib + (state.KvCacheUsage * (FramebufferMib - WeightsMib));
        Gauge(writer, "DCGM_FI_DEV_GPU_UTIL", "SIMULATED by llmload: GPU utilization (in %), from the batch's occupancy.", Math.Round(busy * 100));
        Gauge(writer, "DCGM_FI_DEV_FB_USED", "SIMULATED by llmload: Framebuffer memory used (in MiB), weights plus the KV cache in use.", Math.Round(used));
        Gauge(writer, "DCGM_FI_DEV_FB_FREE", "SIMULATED by llmload: Framebuffer memory free (in MiB).", Math.Round(FramebufferMib - used));
        Gauge(writer, "DCGM_FI_DEV_POWER_USAGE", "SIMULATED by llmload: Power draw (in W), from utilization.", Math.Round(IdleWatts + (busy * (BusyWatts - IdleWatts)), 1));
        Gauge(writer, "DCGM_FI_DEV_GPU_TEMP", "SIMULATED by llmload: GPU temperature (in C), from utilization.", Math.Round(35 + (busy * 40)));
        // Bit 0 is "GPU idle" in NVML's clock throttle reasons; no other reason is simulated.
        Gauge(writer, "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", "SIMULATED by llmload: Current clock throttle reasons (bit mask; 1 = idle).", state.Running == 0 ? 1 : 0);
    }

    private static void Gauge(ExpositionWriter writer, string name, string help, double value)
    {
        writer.Family(name, "gauge", help);
        writer.Sample(name, Labels, value);
    }
}
