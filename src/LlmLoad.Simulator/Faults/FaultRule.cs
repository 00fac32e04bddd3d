
namespace LlmLoad.Simulator.Faults;

/// <summary>
/// One scripted fault: what happens (<see cref="Kind"/>), to which share of requests, and during which
/// window of server uptime. Text form: <see cref="FaultRuleText"/>; JSON form: <see cref="FaultRuleJson"/>.
/// </summary>
internal sealed record FaultRule
{
    /// <summary>Content tokens a mid-stream fault lets through when <c>after=</c> is not given.</summary>
    public const int DefaultAfterTokens = 1;

    /// <exception cref="ArgumentException">The settings break a rule of <see cref="FaultRuleChecks"/>.</exception>
    public FaultRule(FaultKind kind, double probability = 1, TimeSpan? from = null, TimeSpan? until = null, TimeSpan? duration = null, int? afterTokens = null)
    {
        if (FaultRuleChecks.Problem(kind, probability, from, until, duration, afterTokens, FaultSyntax.Text) is { } problem)
        {
            throw new ArgumentException($"fault '{kind.WireName()}': {problem}");
        }

        Kind = kind;
        Probability = probability;
        From = from;
        Until = until;
        Duration = duration;
        AfterTokens = kind.ActsBeforeHeaders() ? null : afterTokens ?? DefaultAfterTokens;
    }

    public FaultKind Kind { get; }

    /// <summary>Share of requests arriving in the window that get the fault, in (0, 1].</summary>
    public double Probability { get; }

    /// <summary>Uptime at which the rule starts to apply (inclusive); null applies from the start.</summary>
    public TimeSpan? From { get; }

    /// <summary>Uptime at which the rule stops applying (exclusive); null applies forever.</summary>
    public TimeSpan? Until { get; }

    /// <summary>How long a stall or slow_headers holds back; null for every other kind.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>Content tokens sent before a mid-stream fault hits; null for kinds that act before the headers.</summary>
    public int? AfterTokens { get; }

    /// <summary>Whether a request arriving this long after server start falls in the rule's window.</summary>
    public bool IsActiveAt(TimeSpan sinceStart) => (From is null || sinceStart >= From) && (Until is null || sinceStart < Until);

    /// <summary>The canonical <c>--fault</c> form, which <see cref="FaultRuleText.Parse"/> reads back equal.</summary>
    public string ToText() => FaultRuleText.Format(this);

    public override string ToString() => ToText();
}
