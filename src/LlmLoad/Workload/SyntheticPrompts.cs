using System.Text;

namespace LlmLoad.Workload;

/// <summary>
/// Synthetic prompts whose length in tokens is exactly what the input length distribution draws,
/// made of varied words so that no two prompts share more than chance overlap (a repeated prompt
/// would be served from a prefix cache and make the server look faster than it is).
/// Prompt <c>seq</c> depends only on the seed and <c>seq</c>, not on timing or concurrency.
/// </summary>
internal sealed class SyntheticPrompts(int seed, TokenCounter counter)
{
    private readonly NormalSpec _inputTokens;
    private readonly NormalSpec _outputTokens;

    /// <summary>Draws lengths itself (the plain run's workload, until it moves to <see cref="PromptSource"/>).</summary>
    public SyntheticPrompts(NormalSpec inputTokens, NormalSpec outputTokens, int seed, TokenCounter counter)
        : this(seed, counter)
    {
        _inputTokens = inputTokens;
        _outputTokens = outputTokens;
    }

    /// <param name="input">A length the request must have (a replayed trace's), instead of a draw.</param>
    /// <param name="output">Likewise for the output asked for.</param>
    public PromptPlan Create(long seq, int? input = null, int? output = null)
    {
        var random = new Random(StreamSeed.For(seed, seq));
        // Drawn even when given, so that the words of prompt seq do not depend on what a trace asks for.
        var drawnInput = Math.Max(1, (int)Math.Round(_inputTokens.Sample(random)));
        var drawnOutput = Math.Max(1, (int)Math.Round(_outputTokens.Sample(random)));
        return Create(random, input ?? drawnInput, output ?? drawnOutput);
    }

    /// <summary>A prompt of exactly <paramref name="input"/> tokens asking for <paramref name="output"/>, its words drawn from <paramref name="random"/>.</summary>
    public PromptPlan Create(Random random, int input, int output) => new(BuildText(random, input), input, output);

    /// <summary>Text of exactly <paramref name="tokens"/> tokens.</summary>
    internal string BuildText(Random random, int tokens)
    {
        var words = WordList.Words;
        var text = new StringBuilder(tokens * 7);
        text.Append(Capitalize(words[random.Next(words.Count)]));
        for (var i = 1; i < tokens; i++)
        {
            text.Append(' ').Append(words[random.Next(words.Count)]);
        }

        // Each " word" is one token, but the first word without its space may split in two; trim or
        // pad with single-token words until the real count is exact.
        var count = counter.Count(text.ToString());
        while (count > tokens)
        {
            var lastSpace = text.ToString().LastIndexOf(' ');
            if (lastSpace <= 0)
            {
                break;
            }

            text.Length = lastSpace;
            count = counter.Count(text.ToString());
        }

        while (count < tokens)
        {
            text.Append(' ').Append(words[random.Next(words.Count)]);
            count = counter.Count(text.ToString());
        }

        return count == tokens ? text.ToString() : ExactFallback(random, tokens);
    }

    /// <summary>For lengths too short for the word walk (one token whose first word splits): only spaced words.</summary>
    private string ExactFallback(Random random, int tokens)
    {
        var words = WordList.Words;
        var text = new StringBuilder();
        for (var i = 0; i < tokens; i++)
        {
            text.Append(' ').Append(words[random.Next(words.Count)]);
        }

        var result = text.ToString();
        return counter.Count(result) == tokens ? result : throw new InvalidOperationException($"could not build a prompt of {tokens} tokens");
    }

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
