namespace LlmLoad.Analysis.Server;

/// <summary>What a scraped series measures, whichever server spelled it (docs/server-metrics.md has the mapping).</summary>
internal enum ServerQuantity
{
    /// <summary>Requests in the running batch (vLLM running, SGLang running, TGI batch size, llama.cpp processing).</summary>
    Running,

    /// <summary>Requests queued for a batch slot.</summary>
    Waiting,

    /// <summary>KV cache in use, a fraction 0 to 1.</summary>
    KvCacheUsage,

    /// <summary>Preemptions so far (a counter).</summary>
    Preemptions,

    /// <summary>Requests the server refused because it was full (a counter): TGI's overloaded failures, the simulator's queue-full refusals.</summary>
    Rejections,

    /// <summary>Prompt tokens looked up in the prefix cache (a counter).</summary>
    PrefixCacheQueries,

    /// <summary>Prompt tokens found in the prefix cache (a counter).</summary>
    PrefixCacheHits,

    /// <summary>Prompt (prefill) tokens processed (a counter).</summary>
    PromptTokens,

    /// <summary>Generated tokens (a counter).</summary>
    GenerationTokens,

    /// <summary>GPU utilisation in percent, the mean over the GPUs scraped.</summary>
    GpuUtilization,

    /// <summary>GPU framebuffer memory used, MiB, summed over GPUs.</summary>
    GpuMemoryUsed,

    /// <summary>GPU framebuffer memory free, MiB, summed over GPUs.</summary>
    GpuMemoryFree,

    /// <summary>GPU power draw, W, summed over GPUs.</summary>
    GpuPower,

    /// <summary>GPU temperature, °C, the hottest GPU.</summary>
    GpuTemperature,

    /// <summary>GPUs whose clocks are held back for a reason other than idling (DCGM's throttle-reason bit mask, bit 0 = idle, ignored).</summary>
    GpusThrottled,
}
