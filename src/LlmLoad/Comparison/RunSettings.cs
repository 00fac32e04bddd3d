using System.Text.Json;
using LlmLoad.Planning;

namespace LlmLoad.Comparison;

/// <summary>
/// The settings of a run that make two runs comparable, read from its summary.json: target, load, workload,
/// stages, seed and per-request objectives. A comparison warns about each one that differs.
/// </summary>
internal static class RunSettings
{
    /// <summary>The summary fields compared, by dotted path; their JSON text is compared as it stands.</summary>
    public static readonly string[] Fields =
    [
        "run.target.provider", "run.target.model", "run.target.stream", "run.target.embedded_simulator", "run.target.url",
        "run.seed",
        "run.load.mode", "run.load.rate", "run.load.arrival", "run.load.concurrency", "run.load.requests", "run.load.duration_s",
        "run.load.warmup_requests", "run.load.warmup_s", "run.load.trace_arrivals", "run.load.trace_time_scale",
        "workload.input_tokens", "workload.output_tokens", "workload.mix", "workload.corpus.prompts", "workload.shared_prefix", "workload.sessions",
        "slo.goodput_per_request",
    ];

    public static List<(string Field, string Value)> Read(JsonFields fields)
    {
        var embedded = fields.Boolean("run.target.embedded_simulator") == true;
        var settings = new List<(string, string)>();
        foreach (var field in Fields)
        {
            // The built-in simulator listens on a new port every run: its URL says nothing about the run.
            if (field == "run.target.url" && embedded)
            {
                continue;
            }

            settings.Add((field, Text(fields.Find(field))));
        }

        var stages = fields.Objects("stages").Select(s => string.Join(" ",
            Text(Get(s, "name")), Text(Get(s, "kind")), Text(Get(s, "duration_s")) + "s", Text(Get(s, "level"))));
        settings.Add(("stages", "[" + string.Join(", ", stages) + "]"));
        return settings;
    }

    private static JsonElement? Get(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value : null;

    private static string Text(JsonElement? element) => element switch
    {
        null => "none",
        { ValueKind: JsonValueKind.String } e => e.GetString()!,
        { } e => JsonSerializer.Serialize(e),
    };
}
