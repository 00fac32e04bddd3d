namespace LlmLoad.Simulator.Timing;

/// <summary>
/// One random stream per request, derived from the server seed and the request's arrival number, so
/// the same sequence of requests gets the same delays and text however they interleave in time.
/// </summary>
internal static class RequestRandom
{
    public static Random Create(int seed, long sequence)
    {
        // SplitMix64 finaliser: neighbouring (seed, sequence) pairs give unrelated streams.
        var z = (((ulong)(uint)seed << 32) ^ (ulong)sequence) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;

        // The seeded constructor's algorithm is fixed for compatibility, so draws are stable across runs.
        return new Random((int)z);
    }
}
