namespace LlmLoad.Simulator.Faults;

/// <summary>Wire names of <see cref="FaultKind"/> (the same in <c>--fault</c> and the admin JSON) and when each acts.</summary>
internal static class FaultKinds
{
    private static readonly FaultKind[] All = Enum.GetValues<FaultKind>();

    /// <summary>Every wire name, for error messages: "429, 500, …, error_event".</summary>
    public static readonly string Names = string.Join(", ", All.Select(WireName));

    public static string WireName(this FaultKind kind) => kind switch
    {
        FaultKind.Status429 => "429",
        FaultKind.Status500 => "500",
        FaultKind.Status503 => "503",
        FaultKind.Status529 => "529",
        FaultKind.ResetBeforeHeaders => "reset",
        FaultKind.SlowHeaders => "slow_headers",
        FaultKind.CutStream => "cut",
        FaultKind.Stall => "stall",
        FaultKind.MalformedChunk => "malformed",
        FaultKind.ErrorEvent => "error_event",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string name, out FaultKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.WireName(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>
    /// True for faults decided before the response headers go out (a status code, a reset, slow headers);
    /// false for faults that hit a stream already under way, after some content tokens.
    /// </summary>
    public static bool ActsBeforeHeaders(this FaultKind kind) => kind is FaultKind.Status429 or FaultKind.Status500
        or FaultKind.Status503 or FaultKind.Status529 or FaultKind.ResetBeforeHeaders or FaultKind.SlowHeaders;

    /// <summary>The HTTP status the fault answers with, or null for faults that are not an error status.</summary>
    public static int? StatusCode(this FaultKind kind) => kind switch
    {
        FaultKind.Status429 => 429,
        FaultKind.Status500 => 500,
        FaultKind.Status503 => 503,
        FaultKind.Status529 => 529,
        _ => null,
    };

    /// <summary>True for the kinds that hold something back for a while (<c>for=</c>): stall and slow_headers.</summary>
    public static bool TakesDuration(this FaultKind kind) => kind is FaultKind.Stall or FaultKind.SlowHeaders;
}
