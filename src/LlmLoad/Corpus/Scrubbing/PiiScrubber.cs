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
        new(PiiKind.ApiKey, PiiPatterns.ApiKey(), static t => t.AsSpan().IndexOfAny(PiiPatterns.ApiKeyPrefixes) >= 0),
        new(PiiKind.ApiKey, PiiPatterns.BearerToken(), static t => t.Contains("earer ", StringComparison.OrdinalIgnoreCase), SecretStart: BearerTokenStart),
        new(PiiKind.Email, PiiPatterns.Email(), static t => t.Contains('@', StringComparison.Ordinal)),
        new(PiiKind.Iban, PiiPatterns.Iban(), HasDigit),
        new(PiiKind.Card, PiiPatterns.Card(), HasDigit),
        new(PiiKind.Ssn, PiiPatterns.Ssn(), static t => t.Contains('-', StringComparison.Ordinal)),
        new(PiiKind.Ip, PiiPatterns.IPv4(), static t => t.Contains('.', StringComparison.Ordinal)),
        new(PiiKind.Ip, PiiPatterns.IPv6(), MayHoldIPv6),
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
            var skip = detector.SecretStart?.Invoke(text.AsSpan(match.Index, match.Length)) ?? 0;
            var start = match.Index + skip;
            if (!PiiValidators.IsValid(detector.Kind, text.AsSpan(start, match.Length - skip)))
            {
                continue;
            }

            scrubbed ??= new StringBuilder(text.Length);
            scrubbed.Append(text, copied, start - copied).Append(PiiPlaceholders.For(detector.Kind));
            copied = match.Index + match.Length;
            counts.Add(detector.Kind);
        }

        return scrubbed is null ? text : scrubbed.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool HasDigit(string text) => text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    /// <summary>An IPv6 address has two colons at most five characters apart; prose with a colon or two rarely does.</summary>
    private static bool MayHoldIPv6(string text)
    {
        var span = text.AsSpan();
        for (var colon = span.IndexOf(':'); colon >= 0 && colon < span.Length - 1; colon = span.IndexOf(':'))
        {
            span = span[(colon + 1)..];
            var next = span.IndexOf(':');
            if (next is >= 0 and <= 4)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Bearer" and the blanks after it stay: only the token is secret.</summary>
    private static int BearerTokenStart(ReadOnlySpan<char> match) => "bearer".Length + match["bearer".Length..].IndexOfAnyExcept(' ', '\t');

    /// <param name="SecretStart">Where the secret starts within a match that includes context, or null when it is all secret.</param>
    private sealed record Detector(PiiKind Kind, Regex Pattern, Func<string, bool> MayMatch, SpanIndex? SecretStart = null);

    private delegate int SpanIndex(ReadOnlySpan<char> match);
}
