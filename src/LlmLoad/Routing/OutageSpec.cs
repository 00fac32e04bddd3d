using LlmLoad.Shared;

namespace LlmLoad.Routing;

/// <summary>
/// A drilled outage (<c>--outage</c>, a scenario's <c>outages:</c> list): target <paramref name="Target"/> fails from
/// <paramref name="At"/> (run time) for <paramref name="For"/>, as <paramref name="Kind"/> says.
/// </summary>
internal sealed record OutageSpec(string Target, TimeSpan At, TimeSpan For, OutageKind Kind)
{
    public const string Form = "TARGET,at=60s,for=120s[,kind=503|reset|timeout|429]";

    public TimeSpan Until => At + For;

    public bool Covers(TimeSpan runTime) => runTime >= At && runTime < Until;

    public string KindName => Kind switch
    {
        OutageKind.Status503 => "503",
        OutageKind.Reset => "reset",
        OutageKind.Timeout => "timeout",
        _ => "429",
    };

    public static OutageSpec Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0 || parts[0].Contains('=', StringComparison.Ordinal))
        {
            throw new FormatException($"expected {Form}, starting with the target's name");
        }

        TimeSpan? at = null, length = null;
        var kind = OutageKind.Status503;
        foreach (var part in parts.AsSpan(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals].Trim();
            var value = equals < 0 ? "" : part[(equals + 1)..].Trim();
            switch (key)
            {
                case "at":
                    at = DurationText.TryParse(value, out var start) ? start : throw new FormatException($"at={value}: expected {DurationText.Expected}");
                    break;
                case "for":
                    length = DurationText.TryParse(value, out var span) && span > TimeSpan.Zero ? span : throw new FormatException($"for={value}: expected a duration above 0, {DurationText.Expected}");
                    break;
                case "kind":
                    kind = value.ToLowerInvariant() switch
                    {
                        "503" => OutageKind.Status503,
                        "reset" => OutageKind.Reset,
                        "timeout" => OutageKind.Timeout,
                        "429" => OutageKind.Status429,
                        _ => throw new FormatException($"kind={value}: expected 503, reset, timeout or 429"),
                    };
                    break;
                default:
                    throw new FormatException($"'{part}': expected {Form}");
            }
        }

        return at is null || length is null
            ? throw new FormatException($"expected {Form}: at= and for= are required")
            : new OutageSpec(parts[0], at.Value, length.Value, kind);
    }
}
