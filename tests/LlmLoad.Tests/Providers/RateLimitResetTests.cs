using LlmLoad.Providers;

namespace LlmLoad.Tests.Providers;

/// <summary>Reset headers in every form the providers send them (wire-formats.md §2, §3): Go durations, seconds, RFC 3339.</summary>
public sealed class RateLimitResetTests
{
    private static readonly DateTimeOffset Now = new(2025, 8, 21, 12, 40, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("6m0s", 360)]
    [InlineData("1s", 1)]
    [InlineData("20ms", 0.02)]
    [InlineData("0s", 0)]
    [InlineData("1.5s", 1.5)]
    [InlineData("1h0m0s", 3600)]
    [InlineData("2m30.25s", 150.25)]
    [InlineData("500us", 0.0005)]
    [InlineData("17", 17)]
    [InlineData("0.5", 0.5)]
    [InlineData("2025-08-21T12:40:59Z", 59)]
    [InlineData("2025-08-21T12:39:00Z", 0)]
    public void Seconds_EachProviderForm_IsSecondsFromNow(string header, double expected)
        => Assert.Equal(expected, RateLimitReset.Seconds(header, Now)!.Value, 9);

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("-3")]
    [InlineData("s")]
    public void Seconds_NotAResetTime_IsAbsent(string header) => Assert.Null(RateLimitReset.Seconds(header, Now));
}
