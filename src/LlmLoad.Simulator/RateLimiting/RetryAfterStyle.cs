namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// The wait headers on a 429, so a client's retry logic can be tested against each thing a server may send:
/// the provider's own (OpenAI and Azure <c>retry-after</c> and <c>retry-after-ms</c>, Anthropic <c>retry-after</c>,
/// Gemini none, its wait in the body), <c>retry-after</c> in whole seconds only, <c>retry-after-ms</c> only, or none.
/// </summary>
public enum RetryAfterStyle
{
    Provider,
    Seconds,
    Milliseconds,
    None,
}
