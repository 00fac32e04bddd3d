using System.Text.Json;
using LlmLoad.Analysis;
using LlmLoad.Providers;
using LlmLoad.Shared;

namespace LlmLoad.Reporting;

/// <summary>
/// The fields of summary.json's <c>rate_limits</c> added for limit utilisation and concurrency (docs/metrics.md,
/// "Rate limits"): Anthropic's input and output limits, refusals by kind, the first 429 and the last minute before it,
/// the peak shares, the workload's tokens per request and the request rate the limits allow it, and where a
/// concurrency cap began. Nulls where no header or refusal said.
/// </summary>
internal static class RateLimitJson
{
    public static void WriteUsage(Utf8JsonWriter json, RunReport report)
    {
        var limits = report.Statistics.RateLimits;
        var usage = report.RateLimitUsage;
        json.WriteNumberOrNull("limit_input_tokens", limits.InputTokens.Limit);
        json.WriteNumberOrNull("limit_output_tokens", limits.OutputTokens.Limit);
        json.WriteNumberOrNull("min_remaining_input_tokens", limits.InputTokens.MinRemaining);
        json.WriteNumberOrNull("min_remaining_output_tokens", limits.OutputTokens.MinRemaining);

        json.WriteStartObject("refused_by_kind");
        foreach (var kind in Enum.GetValues<RefusalKind>())
        {
            json.WriteNumber(kind.ToWireName(), limits.RefusedBy(kind));
        }

        json.WriteEndObject();

        if (usage.FirstRefusalSeconds is { } first)
        {
            json.WriteStartObject("first_429");
            json.WriteNumber("at_s", Round(first));
            json.WriteString("kind", (limits.FirstRefusalKind ?? RefusalKind.Unknown).ToWireName());
            var minute = usage.AtFirstRefusal ?? default;
            json.WriteNumber("rpm_used", minute.Requests);
            json.WriteNumber("tpm_used", minute.Tokens);
            json.WriteNumber("input_tpm_used", minute.InputTokens);
            json.WriteNumber("output_tpm_used", minute.OutputTokens);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("first_429");
        }

        json.WriteStartObject("peak_utilization");
        json.WriteNumberOrNull("requests", Round(usage.PeakRequestsShare));
        json.WriteNumberOrNull("tokens", Round(usage.PeakTokensShare));
        json.WriteNumberOrNull("input_tokens", Round(usage.PeakInputTokensShare));
        json.WriteNumberOrNull("output_tokens", Round(usage.PeakOutputTokensShare));
        json.WriteNumberOrNull("at_s", Round(usage.PeakAtSeconds));
        json.WriteEndObject();

        json.WriteStartObject("tokens_per_request");
        json.WriteNumberOrNull("input", Round(usage.InputTokensPerRequest));
        json.WriteNumberOrNull("output", Round(usage.OutputTokensPerRequest));
        json.WriteNumberOrNull("total", Round(usage.TokensPerRequest));
        json.WriteEndObject();

        if (usage.EffectiveRequestsPerMinute is { } effective)
        {
            json.WriteStartObject("effective_rate");
            json.WriteNumber("requests_per_min", Round(effective));
            json.WriteNumber("requests_per_s", Round(effective / 60));
            json.WriteString("binding", usage.BindingLimit);
            json.WriteStartObject("allowed_by");
            foreach (var (limit, perMinute) in usage.AllowedBy)
            {
                json.WriteNumber(limit, Round(perMinute));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("effective_rate");
        }

        WriteConcurrency(json, limits.Concurrency);
    }

    private static void WriteConcurrency(Utf8JsonWriter json, ConcurrencyRefusals concurrency)
    {
        json.WriteStartObject("concurrency");
        json.WriteNumber("refused", concurrency.Refused);
        json.WriteNumberOrNull("began_at_in_flight", concurrency.BeganAtInFlight);
        json.WriteNumberOrNull("first_refused_in_flight", concurrency.FirstRefusedInFlight);
        json.WriteNumberOrNull("lowest_refused_in_flight", concurrency.LowestRefusedInFlight);
        json.WriteStartArray("by_in_flight");
        if (concurrency.Refused > 0)
        {
            foreach (var (level, (sent, refused)) in concurrency.ByLevel)
            {
                json.WriteStartObject();
                json.WriteNumber("in_flight", level);
                json.WriteNumber("sent", sent);
                json.WriteNumber("refused", refused);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static double Round(double value) => Math.Round(value, 4);
}
