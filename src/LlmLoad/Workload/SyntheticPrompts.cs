using System.Text;

namespace LlmLoad.Workload;

/// <summary>
/// Synthetic prompts of exactly the number of tokens asked for, made of varied words so that no two
/// prompts share more than chance overlap (a repeated prompt would be served from a prefix cache and
/// make the server look faster than it is). The words come from the random stream given, which
/// <see cref="PromptSource"/> derives from the seed and the request's seq alone.
/// </summary>
internal static class SyntheticPrompts
{
    /// <summary>A prompt of exactly <paramref name="input"/> tokens asking for <paramref name="output"/>, its words drawn from <paramref name="random"/>.</summary>
    public static PromptPlan Create(Random random, int input, int output) => new(BuildText(random, input), input, output);

    /// <summary>Text of exactly <paramref name="tokens"/> tokens: a capitalized first word, then spaced words, each one token (<see cref="WordList"/>).</summary>
    internal static string BuildText(Random random, int tokens)
    {
        var words = WordList.Words;
        var starts = WordList.SentenceStarts;
        var text = new StringBuilder(tokens * 7);
        var first = starts[random.Next(starts.Count)];
        text.Append(char.ToUpperInvariant(first[0])).Append(first, 1, first.Length - 1);
        for (var i = 1; i < tokens; i++)
        {
            text.Append(' ').Append(words[random.Next(words.Count)]);
        }

        return text.ToString();
    }
}
