namespace LlmLoad.Planning;

/// <summary>One usage tier's per-minute limits; a limit the provider does not set is null.</summary>
internal sealed record RateLimitTier(
    string Name, decimal? RequestsPerMinute, decimal? TokensPerMinute, decimal? InputTokensPerMinute, decimal? OutputTokensPerMinute)
{
    /// <summary>True when every limit this tier sets is at least what <paramref name="load"/> needs.</summary>
    public bool Fits(LoadLevel load)
        => Covers(RequestsPerMinute, load.RequestsPerMinute)
           && Covers(TokensPerMinute, load.TokensPerMinute)
           && Covers(InputTokensPerMinute, load.InputTokensPerMinute)
           && Covers(OutputTokensPerMinute, load.OutputTokensPerMinute);

    private static bool Covers(decimal? limit, decimal need) => limit is not { } l || need <= l;
}
