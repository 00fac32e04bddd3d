using System.Buffers;
using System.Text.RegularExpressions;

namespace LlmLoad.Corpus.Scrubbing;

/// <summary>
/// The candidate shapes, source-generated. A match is only a candidate: <see cref="PiiValidators"/>
/// decides (Luhn, mod-97, SSN ranges, a JSON JWT header, digit counts). The look-arounds keep a candidate
/// from starting or ending inside a longer token (a hex hash, an order number, a version), which is what
/// keeps ordinary numbers out. docs/corpus.md lists what each shape matches and knowingly misses.
/// </summary>
internal static partial class PiiPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>Three base64url segments whose first one starts like a JSON object (<c>eyJ</c> = <c>{"</c>).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*", Options)]
    public static partial Regex Jwt();

    /// <summary>Vendor key prefixes, and the token after <c>Bearer</c>.</summary>
    [GeneratedRegex("""
        (?<![A-Za-z0-9_-])
        (?:sk-[A-Za-z0-9_-]{20,}                  # OpenAI sk-, sk-proj-; Anthropic sk-ant-api03-
          |(?:AKIA|ASIA)[A-Z0-9]{16}               # AWS access key id
          |gh[pousr]_[A-Za-z0-9]{36,}              # GitHub tokens
          |github_pat_[A-Za-z0-9_]{22,}            # GitHub fine-grained token
          |xox[abposr]-[A-Za-z0-9-]{10,}           # Slack
          |AIza[A-Za-z0-9_-]{35}                   # Google API key
          |[rs]k_(?:live|test)_[A-Za-z0-9]{16,}    # Stripe secret / restricted key
          |hf_[A-Za-z0-9]{30,}                     # Hugging Face
        )(?![A-Za-z0-9_-])
        """, Options | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex ApiKey();

    /// <summary>The prefixes <see cref="ApiKey"/> starts with: a vectorized search decides whether the regex needs to run.</summary>
    public static SearchValues<string> ApiKeyPrefixes { get; } = SearchValues.Create(
        ["sk-", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "AIza", "sk_live_", "sk_test_", "rk_live_", "rk_test_", "hf_"],
        StringComparison.Ordinal);

    /// <summary>An HTTP bearer token; the match includes "Bearer " (the scrubber keeps it) so the search can start at a literal.</summary>
    [GeneratedRegex(@"\b(?i:bearer)[ \t]+[A-Za-z0-9._~+/-]{16,}=*(?![A-Za-z0-9._~+/=-])", Options)]
    public static partial Regex BearerToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])", Options)]
    public static partial Regex Email();

    /// <summary>Country code, check digits, then 11 to 30 letters or digits, in groups of four or not.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", Options)]
    public static partial Regex Iban();

    /// <summary>13–19 digits unbroken, or grouped 4-4-4-(1..4)[-3] or 4-6-(4..5) with one kind of separator.</summary>
    [GeneratedRegex("""
        (?<![\w.,+-])
        (?:[0-9]{13,19}
          |[0-9]{4}(?<s>[ -])[0-9]{4}\k<s>[0-9]{4}\k<s>[0-9]{1,4}(?:\k<s>[0-9]{3})?
          |[0-9]{4}(?<t>[ -])[0-9]{6}\k<t>[0-9]{4,5}
        )(?![\w-]|[.,][0-9])
        """, Options | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex Card();

    /// <summary>AAA-GG-SSSS without the never-issued ranges: area 000, 666, 900–999; group 00; serial 0000.</summary>
    [GeneratedRegex(@"(?<![\w.,+-])(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}(?![\w-]|[.,][0-9])", Options)]
    public static partial Regex Ssn();

    /// <summary>Dotted quad with octets 0–255 without leading zeros; not after "v"/"version" (a four-part version).</summary>
    [GeneratedRegex(@"(?<![\w.]|(?i:version|ver)[ =:]?)(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?![\w.]|\.[0-9])", Options)]
    public static partial Regex IPv4();

    /// <summary>A run of hex groups and colons (with an optional dotted-quad tail); <see cref="System.Net.IPAddress"/> decides.</summary>
    [GeneratedRegex(@"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:|::)[0-9A-Fa-f:]{1,37}(?:(?<=:)[0-9]{1,3}(?:\.[0-9]{1,3}){3})?(?![\w:]|\.\w)", Options)]
    public static partial Regex IPv6();

    /// <summary>
    /// Numbers that start with "+" or "(" may follow another number ("at 14:05 +44 …"); the others must not,
    /// or the groups of an account number or a card would read as a national phone number.
    /// </summary>
    [GeneratedRegex("""
        (?<![\w+.,/-])
        (?:\+[0-9]{1,3}(?:[ .-]?(?:\([0-9]{1,4}\)|[0-9]{1,5})){1,6}                              # +CC, then groups
          |\([2-9][0-9]{2}\)[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}                                      # North America: (415) 555-2671
          |(?<![0-9][ .-])
           (?:(?:1[ .-]?)?[2-9][0-9]{2}[ .-][2-9][0-9]{2}[ .-][0-9]{4}                             # North America: 1-415-555-2671
             |1[ .-]?\([2-9][0-9]{2}\)[ .-]?[2-9][0-9]{2}[ .-][0-9]{4}                            # 1 (415) 555-2671
             |0[1-9](?:[ .-][0-9]{2}){4}                                                          # 01 23 45 67 89
             |0[1-9][0-9]{0,3}[ /-][0-9]{3,8}(?:[ -][0-9]{3,4})?                                 # trunk 0: 020 7946 0958
           )
        )(?![\w-]|[.,][0-9])
        """, Options | RegexOptions.IgnorePatternWhitespace)]
    public static partial Regex Phone();
}
