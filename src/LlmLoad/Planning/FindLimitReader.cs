using System.Text.Json;
using LlmLoad.FindLimit;
using static LlmLoad.Planning.JsonFields;

namespace LlmLoad.Planning;

/// <summary>Reads the knee and the saturation point from a find-limit.json (schema <c>llmload.find-limit/v1</c>, docs/find-limit.md).</summary>
internal static class FindLimitReader
{
    public static MeasuredLimits? Read(string path, string name, List<string> errors)
    {
        using var document = Load(path, name, errors);
        if (document is null)
        {
            return null;
        }

        var fields = new JsonFields(name, document.RootElement, errors);
        if (!fields.HasSchema(FindLimitJson.Schema))
        {
            return null;
        }

        var outcome = fields.Text("outcome") ?? "unknown";
        var byRate = fields.Text("search.by") != "concurrency";
        var knee = Limit(fields, "knee", byRate);
        var saturation = Limit(fields, "saturation", byRate);
        var stepDirectory = knee?.Step is { } step
            ? fields.Objects("curve").Where(c => Int(c, "step") == step).Select(c => String(c, "dir")).FirstOrDefault()
            : null;

        var sources = new List<FigureSource> { new("find-limit outcome", outcome, name, "outcome") };
        if (knee is not null)
        {
            sources.Add(new("knee (one replica)", Describe(knee), name, "knee.load, knee.achieved_rate, knee.concurrency_needed, search.by"));
        }

        if (saturation is not null)
        {
            sources.Add(new("saturation point (one replica)", Describe(saturation), name, "saturation.load, saturation.failing_load"));
        }

        return new MeasuredLimits(name, outcome, knee, saturation, stepDirectory, sources);
    }

    private static MeasuredLimit? Limit(JsonFields fields, string name, bool byRate)
        => fields.Optional(name + ".load") is { } load && load > 0
            ? new MeasuredLimit(
                load,
                byRate,
                fields.Optional(name + ".achieved_rate"),
                fields.Optional(name + ".concurrency_needed"),
                (int?)fields.Optional(name + ".step"),
                fields.Optional(name + ".failing_load"),
                fields.Text(name + ".failing_verdict"))
            : null;

    private static string Describe(MeasuredLimit limit)
    {
        var text = $"{Show(limit.Load)} {limit.Unit}";
        if (limit.AchievedRate is { } rate && !limit.ByRate)
        {
            text += $" ({Show(rate)} req/s)";
        }

        if (limit.Concurrency is { } concurrency && limit.ByRate)
        {
            text += $" (~{Show(concurrency)} in flight)";
        }

        return text + (limit.FailingLoad is { } failing ? $"; {Show(failing)} failed ({limit.FailingVerdict ?? "?"})" : "; no higher load failed");
    }

    private static int? Int(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
