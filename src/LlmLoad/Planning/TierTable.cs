using LlmLoad.Pricing;

namespace LlmLoad.Planning;

/// <summary>A provider's usage tiers for a class of models, smallest first, with where the figures come from.</summary>
/// <param name="Name">The table's key in its file: <c>openai-gpt-4o</c>.</param>
/// <param name="Models">Model names it covers; a trailing <c>*</c> covers every name that starts with the rest (<c>claude-sonnet-4*</c>).</param>
/// <param name="Source">Where the limits were read.</param>
/// <param name="AsOf">The date the limits are known to be current at (yyyy-mm-dd), or null when the source gives none.</param>
internal sealed record TierTable(string Name, IReadOnlyList<string> Models, string Source, string? AsOf, IReadOnlyList<RateLimitTier> Tiers)
{
    /// <summary>True when the table lists <paramref name="model"/>, its base name, or a pattern either matches.</summary>
    public bool Covers(string model)
        => ModelNames.Candidates(model).Any(name => Models.Any(pattern => pattern.EndsWith('*')
            ? name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : name.Equals(pattern, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The smallest tier whose limits cover <paramref name="load"/>, or null when even the largest listed does not.</summary>
    public RateLimitTier? SmallestFitting(LoadLevel load) => Tiers.FirstOrDefault(t => t.Fits(load));
}
