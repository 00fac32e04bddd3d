using System.Text.Json;
using LlmLoad.Reporting;
using LlmLoad.Shared;

namespace LlmLoad.Estimate;

/// <summary><c>llmload estimate --json</c>, schema <c>llmload.estimate/v1</c> (docs/cost.md); exact decimals, invariant culture.</summary>
internal static class EstimateJson
{
    public const string Schema = "llmload.estimate/v1";

    public static void Write(Stream stream, RunEstimate estimate)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteHeader(Schema);
        json.WriteString("model", estimate.Model);
        WriteRange(json, "requests", estimate.Requests);
        json.WriteString("requests_basis", estimate.RequestsBasis);
        json.WriteStartObject("tokens");
        WriteRange(json, "input", estimate.InputTokens);
        WriteRange(json, "output", estimate.OutputTokens);
        json.WriteStartObject("per_request");
        json.WriteNumber("input", Usd.Normalize(estimate.PerRequest.Input));
        json.WriteNumber("output", Usd.Normalize(estimate.PerRequest.Output));
        json.WriteEndObject();
        json.WriteEndObject();
        if (estimate.Price is { } price)
        {
            json.WriteStartObject("cost");
            CostJson.WritePrice(json, "price", price);
            json.WriteNumber("per_request_usd", Usd.Normalize(estimate.PerRequestCostUsd ?? 0));
            WriteRange(json, "total_usd", estimate.CostUsd);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("cost");
        }

        if (estimate.BudgetUsd is { } cap)
        {
            json.WriteStartObject("budget");
            json.WriteNumber("cap_usd", Usd.Normalize(cap));
            if (estimate.ExceedsBudget is { } exceeds)
            {
                json.WriteBoolean("exceeded", exceeds);
            }
            else
            {
                json.WriteNull("exceeded");
            }

            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("budget");
        }

        json.WriteStartArray("notes");
        foreach (var note in estimate.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter json, string name, EstimateRange? range)
    {
        if (range is not { } r)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteNumber("low", Usd.Normalize(r.Low));
        json.WriteNumber("expected", Usd.Normalize(r.Expected));
        json.WriteNumber("high", Usd.Normalize(r.High));
        json.WriteEndObject();
    }
}
