using LlmLoad.Pricing;
using YamlDotNet.RepresentationModel;

namespace LlmLoad.Planning;

/// <summary>
/// A tiers file in YAML: <c>tables:</c>, then per table the models it covers, its source and its tiers, smallest first.
/// The built-in tables are such a file, embedded; a user's file has the same shape and overrides or extends them.
/// </summary>
/// <example>
/// <code>
/// tables:
///   our-gateway:
///     models: [gpt-4o, my-finetune]
///     source: gateway quota, 2026-09
///     as_of: 2026-09-01              # optional
///     tiers:
///       standard: { rpm: 3000, tpm: 1000000 }
///       premium:  { rpm: 10000, input_tpm: 4000000, output_tpm: 800000 }
/// </code>
/// </example>
internal static class TierFile
{
    public const string Section = "tables";

    private static readonly string[] TableFields = ["models", "source", "as_of", "tiers"];
    private static readonly string[] LimitFields = ["rpm", "tpm", "input_tpm", "output_tpm"];

    public static IReadOnlyList<TierTable> Load(string path, List<string> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{path}: tiers file not found");
            return [];
        }

        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path), $"tiers file {Path.GetFileName(path)}", errors);
    }

    /// <param name="name">How errors name the file.</param>
    /// <param name="defaultSource">The source of tables that do not name one.</param>
    public static IReadOnlyList<TierTable> Read(TextReader reader, string name, string defaultSource, List<string> errors)
    {
        var tables = new List<TierTable>();
        foreach (var entry in YamlTableFile.LoadSection(reader, name, "tiers", Section, errors))
        {
            if (Table(entry, defaultSource, errors) is { } table)
            {
                tables.Add(table);
            }
        }

        return tables;
    }

    private static TierTable? Table(YamlEntry entry, string defaultSource, List<string> errors)
    {
        var fields = entry.Fields(TableFields, errors);
        if (fields is null)
        {
            return null;
        }

        var models = entry.Names(fields, "models", "the models the table covers, e.g. [gpt-4o] or [claude-sonnet-4*]", errors);
        var source = entry.Text(fields, "source", errors) ?? defaultSource;
        var asOf = entry.Date(fields, "as_of", errors);
        var tiers = Tiers(entry, fields, errors);
        return models is null || tiers is null ? null : new TierTable(entry.Name, models, source, asOf, tiers);
    }

    private static List<RateLimitTier>? Tiers(YamlEntry table, IReadOnlyDictionary<string, YamlNode> fields, List<string> errors)
    {
        if (!fields.TryGetValue("tiers", out var node))
        {
            errors.Add($"{table.File}:{table.Line}: {table.Path}: missing tiers (a mapping of tier names to limits, smallest first)");
            return null;
        }

        if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            errors.Add($"{table.File}:{node.Start.Line}: {table.Path}.tiers: expected a mapping of tier names to limits ({string.Join(", ", LimitFields)}), smallest first");
            return null;
        }

        var tiers = new List<RateLimitTier>();
        foreach (var entry in YamlTableFile.Entries(table.File, table.Path + ".tiers", mapping))
        {
            if (Tier(entry, errors) is { } tier)
            {
                tiers.Add(tier);
            }
        }

        return tiers.Count == mapping.Children.Count ? tiers : null;
    }

    private static RateLimitTier? Tier(YamlEntry entry, List<string> errors)
    {
        var fields = entry.Fields(LimitFields, errors);
        if (fields is null)
        {
            return null;
        }

        if (!LimitFields.Any(fields.ContainsKey))
        {
            errors.Add($"{entry.File}:{entry.Line}: {entry.Path}: expected at least one limit ({string.Join(", ", LimitFields)})");
            return null;
        }

        var errorsBefore = errors.Count;
        decimal? Limit(string field, string what)
            => fields.ContainsKey(field) ? entry.Number(fields, field, what, errors, minimum: 0, exclusive: true) : null;
        var tier = new RateLimitTier(
            entry.Name,
            Limit("rpm", "requests per minute"),
            Limit("tpm", "input + output tokens per minute"),
            Limit("input_tpm", "input tokens per minute"),
            Limit("output_tpm", "output tokens per minute"));
        return errors.Count == errorsBefore ? tier : null;
    }
}
