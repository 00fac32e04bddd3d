using System.Text.Json;
using LlmLoad.Cost;
using LlmLoad.Pricing;
using LlmLoad.Shared;

namespace LlmLoad.Reporting;

/// <summary>
/// summary.json's <c>cost</c> section (docs/cost.md): null when the run has no price. Amounts are exact decimals in USD.
/// </summary>
internal static class CostJson
{
    public static void Write(Utf8JsonWriter json, RunReport report)
    {
        if (report.Options.Cost.Price is not { } price)
        {
            json.WriteNull("cost");
            return;
        }

        var stats = report.Statistics;
        json.WriteStartObject("cost");
        WritePrice(json, "price", price);
        json.WriteNumber("total_usd", Usd.Normalize(report.SpentUsd ?? 0));
        json.WriteNumber("measured_usd", Usd.Normalize(stats.Cost.TotalUsd));
        json.WriteNumber("warmup_usd", Usd.Normalize(stats.WarmupCost.TotalUsd));
        json.WriteNumberOrNull("per_request_usd", stats.Cost.PerRequestUsd);
        json.WriteStartObject("by_token");
        json.WriteNumber("input_usd", Usd.Normalize(stats.Cost.Cost.InputUsd));
        json.WriteNumber("cached_input_usd", Usd.Normalize(stats.Cost.Cost.CachedInputUsd));
        json.WriteNumber("output_usd", Usd.Normalize(stats.Cost.Cost.OutputUsd));
        json.WriteEndObject();
        WriteProjection(json, report.CostProjection);
        WriteBudget(json, report.Budget);
        json.WriteStartArray("per_stage");
        foreach (var stage in report.Stages ?? [])
        {
            WriteGroup(json, stage.Stage.Name, stage.Requests.Cost);
        }

        json.WriteEndArray();
        json.WriteStartArray("per_category");
        foreach (var (name, category) in report.CategoriesInOrder)
        {
            WriteGroup(json, name, category.Cost);
        }

        json.WriteEndArray();
        if (report.Actions is { } actions)
        {
            // One user action is one session, all its turns together.
            json.WriteStartObject("per_action");
            json.WriteNumber("actions", actions.Count);
            json.WriteNumber("total_usd", Usd.Normalize(actions.CostUsd));
            json.WriteNumberOrNull("per_action_usd", actions.Count > 0 ? Math.Round(actions.CostUsd / actions.Count, Usd.MeanDecimals) : null);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("per_action");
        }
        json.WriteEndObject();
    }

    /// <summary>The price object <c>llmload plan --json</c> writes too.</summary>
    public static void WritePrice(Utf8JsonWriter json, string name, ModelPrice price)
    {
        json.WriteStartObject(name);
        json.WriteString("model", price.Model);
        json.WriteNumber("input_usd_per_million", Usd.Normalize(price.InputPerMillion));
        json.WriteNumber("cached_input_usd_per_million", Usd.Normalize(price.CachedInputPerMillion));
        json.WriteNumber("output_usd_per_million", Usd.Normalize(price.OutputPerMillion));
        json.WriteString("source", price.Source);
        if (price.AsOf is { } asOf)
        {
            json.WriteString("as_of", asOf);
        }
        else
        {
            json.WriteNull("as_of");
        }

        json.WriteEndObject();
    }

    private static void WriteProjection(Utf8JsonWriter json, CostProjection? projection)
    {
        if (projection is null)
        {
            json.WriteNull("projection");
            return;
        }

        json.WriteStartObject("projection");
        json.WriteNumber("rate_per_s", Usd.Normalize(projection.RatePerSecond));
        json.WriteString("rate_source", projection.RateSource);
        json.WriteNumber("per_request_usd", Usd.Normalize(projection.PerRequestUsd));
        json.WriteNumber("per_hour_usd", Usd.Normalize(projection.PerHourUsd));
        json.WriteNumber("per_month_usd", Usd.Normalize(projection.PerMonthUsd));
        json.WriteNumber("hours_per_month", CostProjection.HoursPerMonth);
        json.WriteEndObject();
    }

    private static void WriteBudget(Utf8JsonWriter json, BudgetOutcome? budget)
    {
        if (budget is null)
        {
            json.WriteNull("budget");
            return;
        }

        json.WriteStartObject("budget");
        json.WriteNumber("cap_usd", Usd.Normalize(budget.CapUsd));
        json.WriteNumber("spent_usd", Usd.Normalize(budget.SpentUsd));
        json.WriteNumber("left_usd", Usd.Normalize(budget.CapUsd - budget.SpentUsd));
        json.WriteBoolean("stopped", budget.Stopped);
        json.WriteNumber("refused_worst_case_usd", Usd.Normalize(budget.RefusedWorstCaseUsd));
        json.WriteNumber("overruns", budget.Overruns);
        json.WriteStartObject("reservation");
        json.WriteNumber("input_factor", Usd.Normalize(WorstCase.InputFactor));
        json.WriteNumber("input_overhead_tokens", WorstCase.InputOverheadTokens);
        json.WriteString("output", "max_tokens");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter json, string name, CostTally tally)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteNumber("requests", tally.Requests);
        json.WriteNumber("total_usd", Usd.Normalize(tally.TotalUsd));
        json.WriteNumberOrNull("per_request_usd", tally.PerRequestUsd);
        json.WriteEndObject();
    }
}
