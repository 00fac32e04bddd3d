namespace LlmLoad.Workload;

/// <summary>
/// Seeds for independent random streams (one per request, per user, per shared prefix) derived from the
/// run's seed, identical in every process: <see cref="HashCode"/> is salted per process, so it cannot make
/// a run reproducible. SplitMix64's finaliser spreads neighbouring inputs over the whole range.
/// </summary>
internal static class StreamSeed
{
    /// <param name="purpose">Keeps streams for different uses apart (0 for requests; see the callers).</param>
    public static int For(int runSeed, long index, int purpose = 0)
    {
        var x = unchecked(((ulong)(uint)runSeed << 32) ^ (ulong)index ^ ((ulong)purpose * 0x9E3779B97F4A7C15UL));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return (int)(x ^ (x >> 31));
    }
}
