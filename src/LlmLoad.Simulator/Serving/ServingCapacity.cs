namespace LlmLoad.Simulator.Serving;

/// <summary>
/// How much the simulated server can do at once, and what it does with the rest: a continuous-batching
/// engine in the style of vLLM or TGI. Null limits are unlimited; the default is a server that never queues.
/// </summary>
public sealed record ServingCapacity
{
    /// <summary>Most sequences decoded at once (vLLM's <c>max_num_seqs</c>); null is unlimited.</summary>
    public int? MaxBatch { get; init; }

    /// <summary>
    /// KV-cache size in tokens. Each admitted request reserves prompt + max output tokens until it ends,
    /// as a server must to never preempt; a request that could never fit is refused with 400.
    /// </summary>
    public long? KvCacheTokens { get; init; }

    /// <summary>Prompt tokens processed per second per request; its prompt adds prompt / speed to time to first token. Null is instant.</summary>
    public double? PrefillTokensPerSecond { get; init; }

    /// <summary>
    /// Mean gap between tokens when the batch is full. The gap grows linearly from the base inter-token
    /// latency at a batch of one to this, which is how decode slows as a GPU shares each step among more
    /// sequences. Needs <see cref="MaxBatch"/>; null keeps the gap flat.
    /// </summary>
    public double? InterTokenLatencyAtMaxBatchMs { get; init; }

    /// <summary>Most requests waiting for a batch slot (FIFO); past it, arrivals are refused. Null is unbounded.</summary>
    public int? MaxQueue { get; init; }

    /// <summary>What a full queue answers: 429 (rate limited), 503 (overloaded) or 529 (Anthropic's overloaded).</summary>
    public int QueueFullStatus { get; init; } = 503;

    /// <summary>
    /// Prompt prefix cache size in tokens; 0 turns it off. A request whose leading messages were seen before
    /// gets their tokens from the cache: they skip prefill and are reported as cached in the usage.
    /// </summary>
    public long PrefixCacheTokens { get; init; }

    /// <summary>
    /// Shortest prompt the prefix cache stores, and shortest cached prefix it reports: OpenAI caches only
    /// prompts of 1,024 tokens or more. 0 caches any prompt.
    /// </summary>
    public int PrefixCacheMinTokens { get; init; }

    /// <summary>Cached tokens are counted in whole blocks of this many tokens: vLLM's block size (16), OpenAI's 128-token increments.</summary>
    public int PrefixCacheBlockTokens { get; init; } = 1;

    /// <summary>The statuses <see cref="QueueFullStatus"/> may take.</summary>
    public static IReadOnlyList<int> QueueFullStatuses { get; } = [429, 503, 529];
}
