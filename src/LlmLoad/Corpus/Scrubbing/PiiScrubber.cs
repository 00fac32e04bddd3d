using System.Text;
using System.Text.RegularExpressions;

namespace LlmLoad.Corpus.Scrubbing;

/// <summary>
/// Replaces personal and secret data with typed placeholders (<c>&lt;EMAIL&gt;</c>, <c>&lt;CARD&gt;</c>, …).
/// Detectors run one after the other in <see cref="PiiKind"/> order over the text the previous one left,
/// so a placeholder is never re-read as something else. Stateless and thread-safe.
/// </summary>
public static class PiiScrubber
{
    private static readonly Detector[] Detectors =
    [
        new(PiiKind.Jwt, PiiPatterns.Jwt(), static t => t.Contains("eyJ", StringComparison.Ordinal)),
        new(PiiKind.ApiKey, PiiPatterns.ApiKey(), static t => t.AsSpan().IndexOfAnyInRange('0', '9') >= 0),
        new(PiiKind.Email, PiiPatterns.Email(), static t => t.Contains('@', StringComparison.Ordinal)),
        new(PiiKind.Iban, PiiPatterns.Iban(), HasDigit),
        new(PiiKind.Card, PiiPatterns.Card(), HasDigit),
        new(PiiKind.Ssn, PiiPatterns.Ssn(), static t => t.Contains('-', StringComparison.Ordinal)),
        new(PiiKind.Ip, PiiPatterns.IPv4(), static t => t.Contains('.', StringComparison.Ordinal)),
        new(PiiKind.Ip, PiiPatterns.IPv6(), static t => t.Contains(':', StringComparison.Ordinal)),
        new(PiiKind.Phone, PiiPatterns.Phone(), HasDigit),
    ];

    /// <summary>The text with every hit replaced; <paramref name="counts"/> gains one per hit.</summary>
    public static string Scrub(string text, ScrubCounts counts)
    {
        foreach (var detector in Detectors)
        {
            if (detector.MayMatch(text))
            {
                text = Replace(text, detector, counts);
            }
        }

        return text;
    }

    private static string Replace(string text, Detector detector, ScrubCounts counts)
    {
        StringBuilder? scrubbed = null;
        var copied = 0;
        foreach (var match in detector.Pattern.EnumerateMatches(text))
        {
            if (!PiiValidators.IsValid(detector.Kind, text.AsSpan(match.Index, match.Length)))
            {
                continue;
            }

            scrubbed ??= new StringBuilder(text.Length);
            scrubbed.Append(text, copied, match.Index - copied).Append(PiiPlaceholders.For(detector.Kind));
            copied = match.Index + match.Length;
            counts.Add(detector.Kind);
        }

        return scrubbed is null ? text : scrubbed.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool HasDigit(string text) => text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    private sealed record Detector(PiiKind Kind, Regex Pattern, Func<string, bool> MayMatch);
}
