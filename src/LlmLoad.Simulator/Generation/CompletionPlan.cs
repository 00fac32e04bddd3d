using LlmLoad.Simulator.Serving.PrefixCaching;
using LlmLoad.Simulator.Timing;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// Everything decided about one response before its first byte is sent, whatever API it is sent in:
/// the wire formats differ only in how they wrap the same tokens and timings.
/// </summary>
internal sealed class CompletionPlan
{
    private CompletionPlan(string id, string model, int promptTokens, int completionTokens, int reasoningTokens, DateTimeOffset created, PrefixCacheHit cache, Random random)
    {
        ReasoningTokens = reasoningTokens;
        CachedPromptTokens = cache.CachedTokens;
        CacheWriteTokens = cache.WrittenTokens;
        Id = id;
        Created = created.ToUnixTimeSeconds();
        Model = model;
        PromptTokens = promptTokens;
        CompletionTokens = completionTokens;
        Random = random;
    }

    /// <summary>The response id in the API's own shape (<c>chatcmpl-…</c>, <c>msg_…</c>).</summary>
    public string Id { get; }

    /// <summary>Unix seconds, as in OpenAI's <c>created</c> field.</summary>
    public long Created { get; }

    /// <summary>Echoed from the request, as the real APIs do for an alias they resolve.</summary>
    public string Model { get; }

    public int PromptTokens { get; }

    /// <summary>Prompt tokens served from the prefix cache: no prefill, and reported as cached in the usage.</summary>
    public int CachedPromptTokens { get; }

    /// <summary>Prompt tokens this request added to the prefix cache (Anthropic's <c>cache_creation_input_tokens</c>).</summary>
    public int CacheWriteTokens { get; }

    /// <summary>Prompt tokens neither read from nor written to the cache: Anthropic's <c>input_tokens</c>, whose total input is the three together.</summary>
    public int PromptTokensOutsideCache => PromptTokens - CachedPromptTokens - CacheWriteTokens;

    /// <summary>The output always runs to the requested length: that is what a load test asks for.</summary>
    public int CompletionTokens { get; }

    /// <summary>The first tokens of <see cref="CompletionTokens"/>: the model's reasoning before its answer (<see cref="SimulatedReasoning"/>).</summary>
    public int ReasoningTokens { get; }

    /// <summary>The tokens after the reasoning: the answer itself.</summary>
    public int AnswerTokens => CompletionTokens - ReasoningTokens;

    /// <summary>The function the answer calls, when the request offered tools and the model calls one; null for a text answer.</summary>
    public ToolCallPlan? ToolCall { get; private init; }

    /// <summary>Whether token <paramref name="index"/> (0-based) is reasoning rather than answer.</summary>
    public bool IsReasoning(int index) => index < ReasoningTokens;

    /// <summary>This request's own random stream: its delays and words, reproducible under the server seed.</summary>
    public Random Random { get; }

    public static CompletionPlan Create(
        string id, string model, int promptTokens, int completionTokens, DateTimeOffset created, int seed, long sequence, PrefixCacheHit cache = default,
        int reasoningTokens = 0, ToolCallPlan? toolCall = null)
        => new(id, model, promptTokens, completionTokens, reasoningTokens, created, cache, RequestRandom.Create(seed, sequence)) { ToolCall = toolCall };
}
