using System.Collections.Immutable;
using System.Diagnostics;

namespace LlmLoad.Simulator.Faults;

/// <summary>
/// The server's fault rules, asked once per request. Every request reads the rules while the admin endpoint
/// may swap them, so they live in an immutable array replaced atomically: readers never lock.
/// </summary>
internal sealed class FaultPlan
{
    private readonly long _startTimestamp;
    private FaultRule[] _rules;

    /// <param name="rules">The rules given at start, e.g. by <c>--fault</c>.</param>
    /// <param name="startTimestamp"><see cref="Stopwatch.GetTimestamp"/> when the server started; rule windows count from it.</param>
    public FaultPlan(IEnumerable<FaultRule> rules, long startTimestamp)
    {
        _rules = Snapshot(rules);
        _startTimestamp = startTimestamp;
    }

    public TimeSpan Uptime => Stopwatch.GetElapsedTime(_startTimestamp);

    /// <summary>The current rules, in the order they are tried; a snapshot later changes do not alter.</summary>
    public IReadOnlyList<FaultRule> Rules => Array.AsReadOnly(Volatile.Read(ref _rules));

    public void Replace(IEnumerable<FaultRule> rules) => Volatile.Write(ref _rules, Snapshot(rules));

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ImmutableInterlocked.Update(ref _rules, static (rules, added) => [.. rules, added], rule);
    }

    public void Clear() => Volatile.Write(ref _rules, []);

    /// <summary>
    /// The fault for a request that arrived at <paramref name="arrivalTimestamp"/>, or null. Rules are tried in
    /// order; each one active at that time draws once from <paramref name="random"/> and the first hit wins.
    /// Inactive rules draw nothing, so a seeded <see cref="Random"/> gives the same faults for the same arrivals.
    /// </summary>
    public FaultRule? Decide(long arrivalTimestamp, Random random)
    {
        var rules = Volatile.Read(ref _rules);
        if (rules.Length == 0)
        {
            return null;
        }

        var sinceStart = Stopwatch.GetElapsedTime(_startTimestamp, arrivalTimestamp);
        foreach (var rule in rules)
        {
            if (rule.IsActiveAt(sinceStart) && random.NextDouble() < rule.Probability)
            {
                return rule;
            }
        }

        return null;
    }

    private static FaultRule[] Snapshot(IEnumerable<FaultRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        FaultRule[] snapshot = [.. rules];
        return Array.IndexOf(snapshot, null) < 0 ? snapshot : throw new ArgumentException("A fault rule is null.", nameof(rules));
    }
}
