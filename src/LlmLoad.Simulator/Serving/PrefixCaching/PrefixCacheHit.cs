namespace LlmLoad.Simulator.Serving.PrefixCaching;

/// <summary>What the prefix cache did for one request.</summary>
/// <param name="CachedTokens">Prompt tokens served from the cache: they skip prefill and are reported as cached.</param>
/// <param name="WrittenTokens">Prompt tokens this request added to the cache (Anthropic's <c>cache_creation_input_tokens</c>).</param>
internal readonly record struct PrefixCacheHit(int CachedTokens, int WrittenTokens);
