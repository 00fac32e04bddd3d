using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmLoad.Scenario;

/// <summary>
/// Reads a scenario YAML file into settings, keeping each value's line so that every error can point
/// at it. Unknown sections and fields are errors (a typo must not silently fall back to a default).
/// </summary>
internal static class ScenarioFile
{
    /// <summary>Section → field → setting key. The keys are the command-line option names.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Schema = new()
    {
        ["target"] = new() { ["url"] = "url", ["provider"] = "provider", ["model"] = "model", ["api_key_env"] = "api-key-env", ["stream"] = "stream", ["timeout"] = "timeout", ["max_tokens_field"] = "max-tokens-field" },
        ["workload"] = new() { ["input_tokens"] = "input-tokens", ["output_tokens"] = "output-tokens", ["seed"] = "seed" },
        ["traffic"] = new() { ["concurrency"] = "concurrency", ["rate"] = "rate", ["arrival"] = "arrival" },
        ["limits"] = new() { ["requests"] = "requests", ["duration"] = "duration", ["warmup"] = "warmup", ["grace"] = "grace" },
        ["output"] = new() { ["dir"] = "out" },
    };

    private static readonly HashSet<string> Descriptive = ["name", "description"];

    public static ScenarioSettings Load(string path, List<string> errors)
    {
        var settings = new ScenarioSettings();
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            errors.Add($"{path}: scenario file not found");
            return settings;
        }

        YamlStream yaml = [];
        using var reader = new StreamReader(path);
        var parser = new LineTrackingParser(new Parser(reader));
        try
        {
            yaml.Load(parser);
        }
        catch (YamlException ex)
        {
            errors.Add($"{name}:{ex.Start.Line}: invalid YAML: {ex.InnerException?.Message ?? ex.Message}");
            return settings;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            errors.Add($"{name}:{parser.LastGoodLine}: invalid YAML: cannot be read past this line (an unclosed [ or {{?)");
            return settings;
        }

        if (yaml.Documents.Count == 0)
        {
            errors.Add($"{name}: the scenario file is empty");
            return settings;
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add($"{name}:{yaml.Documents[0].RootNode.Start.Line}: expected a mapping of sections ({string.Join(", ", Schema.Keys)})");
            return settings;
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var section = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
            if (Descriptive.Contains(section))
            {
                continue;
            }

            if (!Schema.TryGetValue(section, out var fields))
            {
                errors.Add($"{name}:{keyNode.Start.Line}: unknown section '{section}'; expected one of: {string.Join(", ", Schema.Keys.Concat(Descriptive))}");
                continue;
            }

            ReadSection(name, section, fields, valueNode, settings, errors);
        }

        return settings;
    }

    /// <summary>Remembers where parsing last succeeded, for errors YamlDotNet reports without a position.</summary>
    private sealed class LineTrackingParser(IParser inner) : IParser
    {
        public long LastGoodLine { get; private set; } = 1;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (moved && inner.Current is { } current)
            {
                LastGoodLine = current.End.Line;
            }

            return moved;
        }
    }

    private static void ReadSection(string file, string section, Dictionary<string, string> fields, YamlNode node, ScenarioSettings settings, List<string> errors)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add($"{file}:{node.Start.Line}: {section}: expected a mapping of fields ({string.Join(", ", fields.Keys)})");
            return;
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var field = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
            var line = keyNode.Start.Line;
            if (!fields.TryGetValue(field, out var key))
            {
                errors.Add($"{file}:{line}: {section}.{field}: unknown field; expected one of: {string.Join(", ", fields.Keys)}");
            }
            else if (valueNode is not YamlScalarNode { Value: { Length: > 0 } value })
            {
                errors.Add($"{file}:{valueNode.Start.Line}: {section}.{field}: expected a single value");
            }
            else
            {
                settings.Set(key, new Setting(value, $"{file}:{valueNode.Start.Line}: {section}.{field}"));
            }
        }
    }
}
