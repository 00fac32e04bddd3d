namespace LlmLoad.Simulator.Embeddings;

/// <summary>
/// The simulator's embedding of an input: a pseudo-random unit vector drawn from the input's key and the server
/// seed, so an input always embeds to the same vector (as with a real model) and two inputs almost never agree.
/// The values mean nothing; what a client can check is their count, their norm and their stability.
/// </summary>
internal static class EmbeddingVector
{
    /// <summary>FNV-1a over the UTF-16 code units of <paramref name="text"/>: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static ulong KeyOf(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>FNV-1a over token ids, for an input given as an array of tokens.</summary>
    public static ulong KeyOf(IEnumerable<long> tokens)
    {
        var hash = 14695981039346656037UL ^ 0x70C3_2D5A;
        foreach (var token in tokens)
        {
            hash = (hash ^ (ulong)token) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Fills <paramref name="vector"/> with a unit vector for the key.</summary>
    public static void Fill(Span<float> vector, ulong key, int seed)
    {
        // SplitMix64: a few operations per value, and good enough that the components look independent.
        var state = key ^ ((ulong)(uint)seed << 32);
        var sumOfSquares = 0.0;
        for (var i = 0; i < vector.Length; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            var value = ((z >> 11) * (1.0 / (1UL << 53)) * 2) - 1;
            vector[i] = (float)value;
            sumOfSquares += value * value;
        }

        var scale = sumOfSquares > 0 ? (float)(1 / Math.Sqrt(sumOfSquares)) : 0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}
