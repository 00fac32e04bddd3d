namespace LlmLoad.Corpus.Scrubbing;

/// <summary>
/// What the scrubber replaces, in the order it looks: the specific shapes (tokens, keys) go first so
/// that the digits inside them are not taken for a card or a phone number by a later detector.
/// </summary>
public enum PiiKind
{
    Jwt,
    ApiKey,
    Email,
    Iban,
    Card,
    Ssn,
    Ip,
    Phone,
}

/// <summary>The typed placeholder each kind is replaced with.</summary>
public static class PiiPlaceholders
{
    /// <summary>Every kind, in detection order.</summary>
    public static IReadOnlyList<PiiKind> All { get; } = Enum.GetValues<PiiKind>();

    /// <summary><c>&lt;EMAIL&gt;</c>, <c>&lt;API_KEY&gt;</c>, …</summary>
    public static string For(PiiKind kind) => kind switch
    {
        PiiKind.Jwt => "<JWT>",
        PiiKind.ApiKey => "<API_KEY>",
        PiiKind.Email => "<EMAIL>",
        PiiKind.Iban => "<IBAN>",
        PiiKind.Card => "<CARD>",
        PiiKind.Ssn => "<SSN>",
        PiiKind.Ip => "<IP>",
        PiiKind.Phone => "<PHONE>",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The report's name for a kind: the placeholder without brackets (<c>EMAIL</c>).</summary>
    public static string Name(PiiKind kind) => For(kind)[1..^1];
}
