using System.Globalization;

namespace LlmLoad.Simulator.Faults;

/// <summary>
/// The rules a <see cref="FaultRule"/> obeys, in one place for the constructor, <c>--fault</c> and the admin
/// endpoint, each message saying which part is wrong and what was expected.
/// </summary>
internal static class FaultRuleChecks
{
    private const string MidStreamKinds = "cut, stall, malformed and error_event";

    /// <summary>The first problem with these settings, or null when they make a valid rule.</summary>
    public static string? Problem(FaultKind kind, double probability, TimeSpan? from, TimeSpan? until, TimeSpan? duration, int? afterTokens, FaultSyntax syntax)
    {
        // Written so that NaN fails too.
        if (!(probability > 0 && probability <= 1))
        {
            return $"{syntax.Value(FaultField.Probability, probability.ToString("R", CultureInfo.InvariantCulture))}: expected a probability in (0, 1]";
        }

        if (from < TimeSpan.Zero)
        {
            return $"{syntax.Value(FaultField.From, FaultDuration.Format(from.Value))}: expected a time since the server started, 0s or later";
        }

        if (until <= (from ?? TimeSpan.Zero))
        {
            var start = from is null ? "the server start" : syntax.Value(FaultField.From, FaultDuration.Format(from.Value));
            return $"{syntax.Value(FaultField.Until, FaultDuration.Format(until.Value))}: must be later than {start}";
        }

        return DurationProblem(kind, duration, syntax) ?? AfterTokensProblem(kind, afterTokens, syntax);
    }

    private static string? DurationProblem(FaultKind kind, TimeSpan? duration, FaultSyntax syntax)
    {
        if (!kind.TakesDuration())
        {
            return duration is null
                ? null
                : $"{syntax.Field(FaultField.For)} does not apply to {kind.WireName()}; only stall and slow_headers hold something back for a while";
        }

        if (duration is null)
        {
            var (purpose, example) = kind == FaultKind.Stall
                ? ("how long no bytes are sent", "5s")
                : ("how long the response headers are held back", "10s");
            return $"{syntax.Field(FaultField.For)} is required for {kind.WireName()} ({purpose}, e.g. {syntax.Value(FaultField.For, example)})";
        }

        return duration <= TimeSpan.Zero
            ? $"{syntax.Value(FaultField.For, FaultDuration.Format(duration.Value))}: expected a duration greater than zero"
            : null;
    }

    private static string? AfterTokensProblem(FaultKind kind, int? afterTokens, FaultSyntax syntax)
    {
        if (afterTokens is null)
        {
            return null;
        }

        if (kind.ActsBeforeHeaders())
        {
            return $"{syntax.Field(FaultField.After)} does not apply to {kind.WireName()}, which acts before the response headers; only {MidStreamKinds} take it";
        }

        return afterTokens < 0
            ? $"{syntax.Value(FaultField.After, afterTokens.Value.ToString(CultureInfo.InvariantCulture))}: expected a number of content tokens, 0 or more"
            : null;
    }
}
