using System.Globalization;

namespace LlmLoad.Workload;

/// <summary>
/// Multi-turn sessions, each a user action (<c>--session-turns</c>, <c>--think-time</c>): a session starts
/// where the traffic profile starts a request, then sends its later turns one after the other, each after
/// the previous answer and a think time, each carrying the whole conversation so far (the model's real
/// answers included) plus a new user message of a drawn length.
/// </summary>
internal sealed record SessionSpec(LengthDistribution Turns, ThinkTime Think)
{
    /// <summary>How many turns session <paramref name="session"/> has: drawn from its own stream, at least 1.</summary>
    public int TurnsOf(int seed, long session) => Math.Max(1, Turns.Sample(new Random(StreamSeed.For(seed, session, purpose: 3))));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Turns} turns, think {Think.Min}..{Think.Max}");
}
