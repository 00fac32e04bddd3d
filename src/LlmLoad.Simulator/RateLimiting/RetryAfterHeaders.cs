using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// <c>retry-after</c> in whole seconds, rounded up so a client that obeys it is never early, plus
/// <c>retry-after-ms</c>, which the OpenAI SDKs read first and Azure sends, for waits under a second.
/// A <see cref="RetryAfterStyle"/> other than the provider's replaces what the API would send.
/// </summary>
internal static class RetryAfterHeaders
{
    /// <summary>Both headers, as OpenAI and Azure send them.</summary>
    public static void Write(HttpResponse response, TimeSpan wait, RetryAfterStyle style)
    {
        switch (style)
        {
            case RetryAfterStyle.Provider:
                WriteSecondsHeader(response, wait);
                WriteMillisecondsHeader(response, wait);
                break;
            default:
                WriteChosen(response, wait, style);
                break;
        }
    }

    /// <summary><c>retry-after</c> alone, as Anthropic sends it.</summary>
    public static void WriteSeconds(HttpResponse response, TimeSpan wait, RetryAfterStyle style)
    {
        if (style == RetryAfterStyle.Provider)
        {
            WriteSecondsHeader(response, wait);
        }
        else
        {
            WriteChosen(response, wait, style);
        }
    }

    /// <summary>What an API that sends no wait header (Gemini) sends when a style is chosen: only that.</summary>
    public static void WriteNone(HttpResponse response, TimeSpan wait, RetryAfterStyle style)
    {
        if (style != RetryAfterStyle.Provider)
        {
            WriteChosen(response, wait, style);
        }
    }

    private static void WriteChosen(HttpResponse response, TimeSpan wait, RetryAfterStyle style)
    {
        if (style == RetryAfterStyle.Seconds)
        {
            WriteSecondsHeader(response, wait);
        }
        else if (style == RetryAfterStyle.Milliseconds)
        {
            WriteMillisecondsHeader(response, wait);
        }
    }

    private static void WriteSecondsHeader(HttpResponse response, TimeSpan wait)
        => response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static void WriteMillisecondsHeader(HttpResponse response, TimeSpan wait)
        => response.Headers["retry-after-ms"] = Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
