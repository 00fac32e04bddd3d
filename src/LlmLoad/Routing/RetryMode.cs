namespace LlmLoad.Routing;

/// <summary>Which failures <c>--retry</c> sends again. Off by default: a load test should see the raw behaviour.</summary>
internal enum RetryMode
{
    Off,

    /// <summary><c>429</c>: rate limits only.</summary>
    RateLimits,

    /// <summary><c>429,5xx</c>: rate limits and server errors (5xx, overloaded).</summary>
    RateLimitsAndServerErrors,

    /// <summary><c>all-transient</c>: also timeouts, refused or reset connections and cut streams.</summary>
    AllTransient,
}
