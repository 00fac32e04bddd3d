namespace LlmLoad.Providers;

/// <summary>The three headers of one limit: its size, what is left, and when it is full again.</summary>
internal sealed record BucketHeaders(string Limit, string Remaining, string Reset)
{
    public static BucketHeaders Anthropic(string name) => new($"anthropic-ratelimit-{name}-limit", $"anthropic-ratelimit-{name}-remaining", $"anthropic-ratelimit-{name}-reset");
}
