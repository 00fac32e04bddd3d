using System.Net.Http;
using LlmLoad.Providers;

namespace LlmLoad.Tests.Routing;

public sealed class ResetHeadersTests
{
    private static readonly DateTimeOffset Now = new(2025, 8, 21, 12, 40, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("6m0s", 360)]
    [InlineData("1s", 1)]
    [InlineData("12ms", 0.012)]
    [InlineData("1m30.5s", 90.5)]
    [InlineData("2025-08-21T12:40:59Z", 59)]
    [InlineData("2.5", 2.5)]
    public void Parse_TheProvidersResetForms_GiveSecondsToWait(string text, double seconds)
        => Assert.Equal(seconds, ResetHeaders.Parse(text, Now)!.Value, 6);

    [Fact]
    public void WaitSeconds_TokensExhausted_TakesTheTokenReset()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "40");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "120ms");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-tokens", "0");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-tokens", "2s");

        Assert.Equal(2, ResetHeaders.WaitSeconds(response.Headers, Now));
    }
}
