using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmLoad.LoadBench;

/// <summary>bench.json: the figures and verdicts of one scenario, for comparing runs by script.</summary>
internal static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Write(string path, BenchFigures figures, BenchTable table)
    {
        var document = new
        {
            schema = "llmload.loadbench/v1",
            title = table.Title,
            all_held = table.AllHeld,
            ideal_request_ms = figures.IdealRequestMs,
            ideal_requests_per_s = figures.IdealRequestsPerSecond,
            chunks_per_s = figures.ChunksPerSecond,
            figures,
            rows = table.Rows,
            notes = table.Notes,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, Options));
    }
}
