namespace LlmLoad.Corpus;

/// <summary>
/// Names a prompt's bucket from its input length and, when the log says it, its output length:
/// <c>short_in_long_out</c>, or <c>long_in</c> when the output length is unknown. Input: short below
/// <see cref="ShortInputBelow"/>, long above <see cref="LongInputAbove"/>, medium between (issue 4's 500 and 2,000).
/// Output: long from <see cref="LongOutputFrom"/> tokens (500: a long answer takes ~10 s to stream at 50 tokens/s,
/// where decode time starts to dominate the response time), short below.
/// </summary>
public sealed record LengthBuckets(int ShortInputBelow = 500, int LongInputAbove = 2000, int LongOutputFrom = 500)
{
    /// <summary>Every bucket name in report order: by input, then short, long, unknown output.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. from input in new[] { "short", "medium", "long" } from output in new[] { "_short_out", "_long_out", "" } select input + "_in" + output];

    /// <summary>Tokens worth counting to tell the buckets apart: past this the prompt is long whatever its length.</summary>
    public int InputTokensNeeded => LongInputAbove + 1;

    /// <summary>The bucket of a prompt of <paramref name="inputTokens"/> (exact up to <see cref="InputTokensNeeded"/>).</summary>
    public string Name(int inputTokens, int? outputTokens)
    {
        var input = inputTokens < ShortInputBelow ? "short" : inputTokens > LongInputAbove ? "long" : "medium";
        return outputTokens switch
        {
            null => input + "_in",
            var n when n >= LongOutputFrom => input + "_in_long_out",
            _ => input + "_in_short_out",
        };
    }
}
