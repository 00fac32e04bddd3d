using System.Security.Cryptography;
using System.Text.Json;
using LlmLoad.Shared;
using LlmLoad.Traffic;

namespace LlmLoad.Distributed;

/// <summary>
/// segment.json: what a segment was a share of, so <c>llmload merge</c> can check that its inputs are shares of one
/// run and rebuild that run's options. The settings are the command line's (the scenario file is named and hashed,
/// not copied); those that differ per segment (segment, start-at, out) and header values (they may be secrets) are left out.
/// </summary>
internal sealed record SegmentManifest(ExecutionSegment Segment, int Seed, string? ScenarioPath, string? ScenarioSha256, IReadOnlyDictionary<string, IReadOnlyList<string>> Settings)
{
    public const string FileName = "segment.json";
    public const string Schema = "llmload.segment/v1";

    private static readonly HashSet<string> PerSegment = ["segment", "start-at", "out", "header"];

    public static SegmentManifest Of(ExecutionSegment segment, int seed, string? scenarioPath, ScenarioSettings flags)
        => new(segment, seed, scenarioPath is null ? null : Path.GetFullPath(scenarioPath), scenarioPath is null ? null : Sha256(scenarioPath),
            flags.Keys.Where(k => !PerSegment.Contains(k)).Order(StringComparer.Ordinal)
                .ToDictionary(k => k, k => (IReadOnlyList<string>)[.. flags.All(k).Select(s => s.Value)], StringComparer.Ordinal));

    /// <summary>The settings as the command line gave them, to build the whole run's options from.</summary>
    public ScenarioSettings Flags()
    {
        var flags = new ScenarioSettings();
        foreach (var (key, values) in Settings)
        {
            foreach (var value in values)
            {
                flags.Add(key, new Setting(value, $"--{key}"));
            }
        }

        return flags;
    }

    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        using var file = File.Create(Path.Combine(directory, FileName));
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteHeader(Schema);
        json.WriteStartObject("segment");
        json.WriteNumber("index", Segment.Index);
        json.WriteNumber("count", Segment.Count);
        json.WriteEndObject();
        json.WriteNumber("seed", Seed);
        json.WriteStringOrNull("scenario", ScenarioPath);
        json.WriteStringOrNull("scenario_sha256", ScenarioSha256);
        json.WriteStartObject("settings");
        foreach (var (key, values) in Settings)
        {
            json.WriteStartArray(key);
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <exception cref="FormatException">Not a segment manifest.</exception>
    public static SegmentManifest Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var segment = root.GetProperty("segment");
            var settings = root.GetProperty("settings").EnumerateObject()
                .ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[.. p.Value.EnumerateArray().Select(v => v.GetString()!)], StringComparer.Ordinal);
            return new SegmentManifest(new ExecutionSegment(segment.GetProperty("index").GetInt32(), segment.GetProperty("count").GetInt32()),
                root.GetProperty("seed").GetInt32(), NullableString(root, "scenario"), NullableString(root, "scenario_sha256"), settings);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a segment manifest ({ex.Message})", ex);
        }
    }

    private static string? NullableString(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Sha256(string path)
        => File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : null;
}
