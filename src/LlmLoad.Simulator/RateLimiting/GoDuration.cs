using System.Globalization;
using System.Text;

namespace LlmLoad.Simulator.RateLimiting;

/// <summary>
/// Go's <c>time.Duration.String()</c>, the format of OpenAI's <c>x-ratelimit-reset-*</c> headers:
/// <c>0s</c>, <c>20ms</c>, <c>1s</c>, <c>1.5s</c>, <c>6m0s</c>, <c>1h0m0s</c>. Rounded to whole
/// milliseconds, as the values the API sends are.
/// </summary>
internal static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        var milliseconds = (long)Math.Round(Math.Max(0, duration.TotalMilliseconds));
        if (milliseconds == 0)
        {
            return "0s";
        }

        if (milliseconds < 1000)
        {
            return milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var text = new StringBuilder();
        var hours = milliseconds / 3_600_000;
        var minutes = milliseconds / 60_000 % 60;
        var seconds = milliseconds % 60_000 / 1000.0;
        if (hours > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{hours}h");
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        return text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s').ToString();
    }
}
