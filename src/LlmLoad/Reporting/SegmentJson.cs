using System.Globalization;
using System.Text.Json;
using LlmLoad.Shared;

namespace LlmLoad.Reporting;

/// <summary>
/// summary.json's <c>segment</c> section (docs/distributed.md): null for a run of one process; for a segment its
/// index and count, the agreed start, its skew and the OS's NTP figures; for a merged run the segments it adds up.
/// </summary>
internal static class SegmentJson
{
    public static void Write(Utf8JsonWriter json, SegmentFacts? facts)
    {
        if (facts is null)
        {
            json.WriteNull("segment");
            return;
        }

        json.WriteStartObject("segment");
        WriteFacts(json, facts);
        if (facts.Merged is { } parts)
        {
            json.WriteStartArray("merged_from");
            foreach (var part in parts)
            {
                json.WriteStartObject();
                WriteFacts(json, part);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteFacts(Utf8JsonWriter json, SegmentFacts facts)
    {
        json.WriteNumber("index", facts.Segment.Index);
        json.WriteNumber("count", facts.Segment.Count);
        json.WriteStringOrNull("start_at", facts.StartAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteNumberOrNull("start_skew_ms", facts.StartSkewMs is { } skew ? Math.Round(skew, 3) : null);
        if (facts.BudgetUsdWhole is { } whole)
        {
            json.WriteNumber("budget_usd_whole", Usd.Normalize(whole));
            json.WriteNumber("budget_usd_share", Usd.Normalize(whole / facts.Segment.Count));
        }

        if (facts.Clock is { } clock)
        {
            json.WriteStartObject("clock");
            json.WriteString("source", "adjtimex");
            json.WriteBoolean("synchronized", clock.Synchronized);
            json.WriteNumber("ntp_offset_ms", Math.Round(clock.OffsetMs, 3));
            json.WriteNumber("estimated_error_ms", Math.Round(clock.EstimatedErrorMs, 3));
            json.WriteNumber("max_error_ms", Math.Round(clock.MaxErrorMs, 3));
            json.WriteEndObject();
        }
        else if (facts.Merged is null)
        {
            // Unknown, not zero: a clock whose offset nobody measured may be off by anything.
            json.WriteNull("clock");
        }
    }
}
