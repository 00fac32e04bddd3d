using System.Text.RegularExpressions;

namespace LlmLoad.Pricing;

/// <summary>
/// The names a model may be listed under. APIs answer with, and users send, dated snapshots
/// (<c>gpt-4o-2024-08-06</c>, <c>claude-sonnet-4-5-20250929</c>), <c>-latest</c> aliases and router prefixes
/// (<c>openai/gpt-4o</c>); price lists and rate-limit tables name the base model.
/// </summary>
internal static partial class ModelNames
{
    /// <summary>The name as given, then without a <c>provider/</c> prefix, then without a snapshot suffix: most specific first.</summary>
    public static IReadOnlyList<string> Candidates(string model)
    {
        var given = model.Trim();
        var unprefixed = given[(given.LastIndexOf('/') + 1)..];
        var undated = SnapshotSuffix().Replace(unprefixed, "");
        return new[] { given, unprefixed, undated }.Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    // OpenAI dates its snapshots -YYYY-MM-DD, Anthropic -YYYYMMDD; both offer -latest aliases.
    [GeneratedRegex(@"-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$", RegexOptions.IgnoreCase)]
    private static partial Regex SnapshotSuffix();
}
