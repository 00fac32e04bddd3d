using LlmLoad.Recording;

namespace LlmLoad.Tests.Recording;

public sealed class TokenSharesTests
{
    [Theory]
    [InlineData(new[] { 8, 8, 8 }, 12, new[] { 4, 4, 4 })]
    [InlineData(new[] { 2, 10 }, 6, new[] { 1, 5 })]
    [InlineData(new[] { 1, 1, 1 }, 7, new[] { 3, 2, 2 })]
    [InlineData(new[] { 3, 1, 2 }, 3, new[] { 1, 1, 1 })]
    [InlineData(new[] { 4, 2 }, 9, new[] { 6, 3 })]
    public void Apportion_AddsUpToTheServersCount_AtLeastOneEach_InProportionBeyondOne(int[] tokenizer, int served, int[] expected)
    {
        var shares = TokenShares.Apportion(served, tokenizer);

        Assert.Equal(expected, shares);
        Assert.Equal(served, shares.Sum());
    }
}
