using System.Text;

namespace LlmLoad.Workload;

/// <summary>
/// Synthetic prompts of exactly the number of tokens asked for, made of varied words so that no two
/// prompts share more than chance overlap (a repeated prompt would be served from a prefix cache and
/// make the server look faster than it is). The words come from the random stream given, which
/// <see cref="PromptSource"/> derives from the seed and the request's seq alone.
/// </summary>
internal sealed class SyntheticPrompts(TokenCounter counter)
{
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
