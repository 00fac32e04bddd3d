using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Pricing;
using LlmLoad.Shared;

namespace LlmLoad.Planning;

/// <summary>Writes a plan as JSON, schema <c>llmload.plan/v1</c> (fields in docs/planning.md).</summary>
internal static partial class PlanJson
{
    public const string Schema = "llmload.plan/v1";

    public static void Write(Stream stream, CapacityPlan plan)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Printed for people as much as for scripts: keep ×, + and ' readable; the output is never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        WriteInputs(json, plan.Inputs);
        foreach (var key in CapacityPlanner.LevelKeys)
        {
            // Without a rate there are no levels: the keys stay, null, so that scripts read one shape.
            if (plan.Levels.FirstOrDefault(l => l.Key == key) is { } level)
            {
                WriteLevel(json, level);
            }
            else
            {
                json.WriteNull(key);
            }
        }

        WriteTierTable(json, plan.Inputs.Tiers);
        WriteCost(json, plan.Cost, plan.Inputs);
        WriteMeasured(json, plan);
        WriteScalingLag(json, plan.Lag);
        json.WriteStartArray("assumptions");
        foreach (var assumption in plan.Assumptions)
        {
            json.WriteStringValue(assumption);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteInputs(Utf8JsonWriter json, PlanInputs inputs)
    {
        json.WriteStartObject("inputs");
        json.WriteNumberOrNull("rate_per_s", inputs.RequestsPerSecond);
        json.WriteNumberOrNull("input_tokens", inputs.InputTokens);
        json.WriteNumberOrNull("output_tokens", inputs.OutputTokens);
        json.WriteNumberOrNull("response_time_s", inputs.ResponseTime?.Seconds);
        json.WriteString("response_time_stat", inputs.ResponseTime?.StatisticName);
        json.WriteNumberOrNull("requests", inputs.Requests);
        json.WriteString("model", inputs.Model);
        json.WriteNumberOrNull("headroom", inputs.Headroom);
        json.WriteNumberOrNull("growth", inputs.Growth);
        json.WriteEndObject();
    }

    private static void WriteLevel(Utf8JsonWriter json, PlannedLevel level)
    {
        var load = level.Load;
        json.WriteStartObject(level.Key);
        json.WriteNumberOrNull("requests_per_s", load.RequestsPerSecond);
        json.WriteNumberOrNull("requests_per_min", load.RequestsPerMinute);
        json.WriteNumberOrNull("tokens_per_min", load.TokensPerMinute);
        json.WriteNumberOrNull("input_tokens_per_min", load.InputTokensPerMinute);
        json.WriteNumberOrNull("output_tokens_per_min", load.OutputTokensPerMinute);
        json.WriteNumberOrNull("concurrency", load.Concurrency);
        json.WriteString("tier", level.Tier?.Name);
        json.WriteEndObject();
    }

    private static void WriteTierTable(Utf8JsonWriter json, TierTable? table)
    {
        if (table is null)
        {
            json.WriteNull("tier_table");
            return;
        }

        json.WriteStartObject("tier_table");
        json.WriteString("name", table.Name);
        json.WriteString("source", table.Source);
        json.WriteString("as_of", table.AsOf);
        json.WriteStartArray("tiers");
        foreach (var tier in table.Tiers)
        {
            json.WriteStartObject();
            json.WriteString("name", tier.Name);
            json.WriteNumberOrNull("rpm", tier.RequestsPerMinute);
            json.WriteNumberOrNull("tpm", tier.TokensPerMinute);
            json.WriteNumberOrNull("input_tpm", tier.InputTokensPerMinute);
            json.WriteNumberOrNull("output_tpm", tier.OutputTokensPerMinute);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCost(Utf8JsonWriter json, PlannedCost? cost, PlanInputs inputs)
    {
        if (cost is null)
        {
            json.WriteNull("cost");
            return;
        }

        json.WriteStartObject("cost");
        json.WriteStartObject("price");
        // A price given on the command line belongs to whatever model the user named, or to none.
        json.WriteString("model", cost.Price.Source == PlanInputsBuilder.GivenPricesSource ? inputs.Model : cost.Price.Model);
        json.WriteNumberOrNull("input_usd_per_million", cost.Price.InputPerMillion);
        json.WriteNumberOrNull("cached_input_usd_per_million", cost.Price.CachedInputPerMillion);
        json.WriteNumberOrNull("output_usd_per_million", cost.Price.OutputPerMillion);
        json.WriteString("source", cost.Price.Source);
        json.WriteString("as_of", cost.Price.AsOf);
        json.WriteEndObject();
        Usd(json, "per_request", cost.PerRequest);
        Usd(json, "peak_per_hour", cost.PeakPerHour);
        Usd(json, "peak_per_month", cost.PeakPerMonth);
        Usd(json, "grown_per_hour", cost.GrownPerHour);
        Usd(json, "grown_per_month", cost.GrownPerMonth);
        Usd(json, "requests", cost.ForRequests);
        json.WriteEndObject();
    }

    private static void Usd(Utf8JsonWriter json, string name, TokenCost? cost)
    {
        if (cost is not { } c)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumberOrNull("input_usd", c.InputUsd);
        json.WriteNumberOrNull("cached_input_usd", c.CachedInputUsd);
        json.WriteNumberOrNull("output_usd", c.OutputUsd);
        json.WriteNumberOrNull("total_usd", c.TotalUsd);
        json.WriteEndObject();
    }

    private static void WriteScalingLag(Utf8JsonWriter json, ScalingLag? lag)
    {
        if (lag is null)
        {
            return;
        }

        json.WriteStartObject("scaling_lag");
        json.WriteNumber("scale_up_s", lag.ScaleUpTime.TotalSeconds);
        json.WriteNumber("ramp_per_min", lag.RampPerMinute);
        json.WriteNumber("arriving_during_scale_up_rps", decimal.Round(lag.ArrivingDuringScaleUp, 3));
        json.WriteNumberOrNull("headroom_needed", lag.HeadroomNeeded is { } needed ? decimal.Round(needed, 4) : null);
        json.WriteNumber("headroom", lag.Headroom);
        if (lag.Covered is { } covered)
        {
            json.WriteBoolean("covered", covered);
        }
        else
        {
            json.WriteNull("covered");
        }

        json.WriteEndObject();
    }
}
