using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// <c>retry-after</c> in whole seconds, rounded up so a client that obeys it is never early, plus
/// <c>retry-after-ms</c>, which the OpenAI SDKs read first and Azure sends, for waits under a second.
/// </summary>
internal static class RetryAfterHeaders
{
    public static void Write(HttpResponse response, TimeSpan wait)
    {
        WriteSeconds(response, wait);
        response.Headers["retry-after-ms"] = Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>retry-after</c> alone, as Anthropic sends it.</summary>
    public static void WriteSeconds(HttpResponse response, TimeSpan wait)
        => response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
