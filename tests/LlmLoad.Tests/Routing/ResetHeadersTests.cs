using System.Net.Http;
using LlmLoad.Providers;

namespace LlmLoad.Tests.Routing;

public sealed class ResetHeadersTests
{
    private static readonly DateTimeOffset Now = new(2025, 8, 21, 12, 40, 0, TimeSpan.Zero);

    [Fact]
    public void WaitSeconds_TokensExhausted_TakesTheTokenReset()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "40");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "120ms");
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-tokens", "0");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-tokens", "2s");

        Assert.Equal(2, new LlmLoad.Providers.Formats.OpenAiChatFormat().ReadRateLimits(response.Headers, Now).ResetWaitSeconds);
    }
}
