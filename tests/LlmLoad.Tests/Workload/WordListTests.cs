using LlmLoad.Workload;

namespace LlmLoad.Tests.Workload;

/// <summary>
/// The word lists are checked here rather than at start-up (which would load both vocabularies into every run):
/// synthetic prompts are exact only if every word is one token in both encodings.
/// </summary>
public sealed class WordListTests
{
    [Theory]
    [InlineData(TokenCounter.O200kBase)]
    [InlineData(TokenCounter.Cl100kBase)]
    public void EveryWord_IsOneTokenAfterASpace(string encoding)
    {
        var tokens = TokenCounter.ForEncoding(encoding);

        Assert.DoesNotContain(WordList.Words, w => tokens.Count(" " + w) != 1);
        Assert.True(WordList.Words.Count > 400);
    }

    [Theory]
    [InlineData(TokenCounter.O200kBase)]
    [InlineData(TokenCounter.Cl100kBase)]
    public void EverySentenceStart_IsOneTokenCapitalized(string encoding)
    {
        var tokens = TokenCounter.ForEncoding(encoding);

        Assert.DoesNotContain(WordList.SentenceStarts, w => tokens.Count(char.ToUpperInvariant(w[0]) + w[1..]) != 1);
        Assert.True(WordList.SentenceStarts.Count > 400);
    }

    [Theory]
    [InlineData(TokenCounter.O200kBase)]
    [InlineData(TokenCounter.Cl100kBase)]
    public void SyntheticText_HasExactlyTheTokensAskedFor_InBothEncodings(string encoding)
    {
        var tokens = TokenCounter.ForEncoding(encoding);
        var random = new Random(7);

        foreach (var length in new[] { 1, 2, 3, 17, 256, 4096 })
        {
            for (var i = 0; i < 25; i++)
            {
                Assert.Equal(length, tokens.Count(SyntheticPrompts.BuildText(random, length)));
            }
        }
    }
}
