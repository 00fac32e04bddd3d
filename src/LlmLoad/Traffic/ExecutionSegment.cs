using System.Globalization;

namespace LlmLoad.Traffic;

/// <summary>
/// Share <see cref="Index"/> (from 1) of <see cref="Count"/> disjoint shares of one seeded run (<c>--segment K/N</c>).
/// Requests are dealt round-robin: global position i belongs to segment (i mod N) + 1. Interleaving rather than
/// cutting the run into N contiguous blocks keeps every segment's load shape 1/N of the whole at every moment
/// (a ramp stays a ramp on every machine), so N machines together send what one would, at the same times.
/// </summary>
internal sealed record ExecutionSegment(int Index, int Count)
{
    public const string Expected = "K/N with 1 <= K <= N, e.g. 2/4 (the 2nd of 4 shares)";

    /// <summary>The whole run: what a run without <c>--segment</c> is.</summary>
    public static ExecutionSegment Whole { get; } = new(1, 1);

    public bool IsWhole => Count == 1;

    /// <summary>Whether global position <paramref name="position"/> (an arrival, a user, a request number) is this segment's.</summary>
    public bool Owns(long position) => position % Count == Index - 1;

    /// <summary>The global number of this segment's <paramref name="local"/>-th (from 0) position.</summary>
    public long Global(long local) => (local * Count) + Index - 1;

    /// <summary>How many of the positions 0..<paramref name="total"/>-1 are this segment's.</summary>
    public long ShareOf(long total) => (total / Count) + (total % Count > Index - 1 ? 1 : 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <exception cref="FormatException">Not K/N with 1 &lt;= K &lt;= N.</exception>
    public static ExecutionSegment Parse(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"expected {Expected}");
        }

        if (count < 1)
        {
            throw new FormatException($"the number of segments must be at least 1; expected {Expected}");
        }

        if (index < 1 || index > count)
        {
            throw new FormatException($"segment {index} does not exist among {count} (they are numbered 1 to {count}); expected {Expected}");
        }

        return new ExecutionSegment(index, count);
    }
}
