using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmLoad.Shared;

/// <summary>
/// Reads a YAML settings file (a scenario, a simulator profile) into settings, keeping each value's line
/// so that every error can point at it. Unknown sections and fields are errors: a typo must not silently
/// fall back to a default.
/// </summary>
/// <param name="Sections">
/// Section → field → setting key. The keys are the command-line option names. A dotted name
/// (<c>target.request</c>) is a mapping nested in a section's field.
/// </param>
/// <param name="ListSections">Sections that hold a list of values rather than fields, → their (repeatable) setting key.</param>
/// <param name="Kind">What the file is, for messages: "scenario", "profile".</param>
/// <param name="MapFields">
/// Dotted fields whose value is a free mapping (<c>target.request.headers</c>), → the repeatable setting key
/// that gets one <c>Name: value</c> per entry, as the matching command-line option is written.
/// </param>
internal sealed record SettingsFile(
    IReadOnlyDictionary<string, Dictionary<string, string>> Sections,
    IReadOnlyDictionary<string, string> ListSections,
    string Kind,
    IReadOnlyDictionary<string, string>? MapFields = null)
{
    private static readonly HashSet<string> Descriptive = ["name", "description"];

    private IEnumerable<string> SectionNames => Sections.Keys.Where(s => !s.Contains('.', StringComparison.Ordinal)).Concat(ListSections.Keys);

    public ScenarioSettings Load(string path, List<string> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{path}: {Kind} file not found");
            return new ScenarioSettings();
        }

        using var reader = new StreamReader(path);
        return Load(reader, Path.GetFileName(path), errors);
    }

    /// <param name="name">How errors name the file.</param>
    public ScenarioSettings Load(TextReader reader, string name, List<string> errors)
    {
        var settings = new ScenarioSettings();
        YamlStream yaml = [];
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
            errors.Add($"{name}: the {Kind} file is empty");
            return settings;
        }

        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add($"{name}:{yaml.Documents[0].RootNode.Start.Line}: expected a mapping of sections ({string.Join(", ", SectionNames)})");
            return settings;
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            var section = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
            if (Descriptive.Contains(section))
            {
                continue;
            }

            if (ListSections.TryGetValue(section, out var listKey))
            {
                ReadList(name, section, listKey, valueNode, settings, errors);
                continue;
            }

            if (section.Contains('.', StringComparison.Ordinal) || !Sections.TryGetValue(section, out var fields))
            {
                errors.Add($"{name}:{keyNode.Start.Line}: unknown section '{section}'; expected one of: {string.Join(", ", SectionNames.Concat(Descriptive))}");
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

    private static void ReadList(string file, string section, string key, YamlNode node, ScenarioSettings settings, List<string> errors)
    {
        if (node is not YamlSequenceNode sequence)
        {
            errors.Add($"{file}:{node.Start.Line}: {section}: expected a list (each item on its own line starting with '- ')");
            return;
        }

        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } value })
            {
                settings.Add(key, new Setting(value, $"{file}:{item.Start.Line}: {section}"));
            }
            else if (item is YamlMappingNode fields && fields.Children.All(f => f.Key is YamlScalarNode && f.Value is YamlScalarNode))
            {
                // A list item with fields (a target's name, url, weight) is read into the KEY=VALUE,... form its option takes.
                var text = string.Join(",", fields.Children.Select(f => $"{((YamlScalarNode)f.Key).Value}={((YamlScalarNode)f.Value).Value}"));
                settings.Add(key, new Setting(text, $"{file}:{item.Start.Line}: {section}"));
            }
            else
            {
                errors.Add($"{file}:{item.Start.Line}: {section}: expected a single value per item, or fields with single values");
            }
        }
    }

    private void ReadSection(string file, string section, Dictionary<string, string> fields, YamlNode node, ScenarioSettings settings, List<string> errors)
    {
        var names = fields.Keys.Concat(NestedNames(section)).ToList();
        if (node is not YamlMappingNode mapping)
        {
            errors.Add($"{file}:{node.Start.Line}: {section}: expected a mapping of fields ({string.Join(", ", names)})");
            return;
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var field = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
            var line = keyNode.Start.Line;
            var path = section + "." + field;
            if (Sections.TryGetValue(path, out var nested))
            {
                ReadSection(file, path, nested, valueNode, settings, errors);
            }
            else if (MapFields?.TryGetValue(path, out var mapKey) == true)
            {
                ReadMap(file, path, mapKey, valueNode, settings, errors);
            }
            else if (!fields.TryGetValue(field, out var key))
            {
                errors.Add($"{file}:{line}: {path}: unknown field; expected one of: {string.Join(", ", names)}");
            }
            else if (valueNode is not YamlScalarNode { Value: { Length: > 0 } value })
            {
                errors.Add($"{file}:{valueNode.Start.Line}: {path}: expected a single value");
            }
            else
            {
                settings.Set(key, new Setting(value, $"{file}:{valueNode.Start.Line}: {path}"));
            }
        }
    }

    /// <summary>The fields of <paramref name="section"/> that are mappings themselves.</summary>
    private IEnumerable<string> NestedNames(string section)
        => Sections.Keys.Concat(MapFields?.Keys ?? [])
            .Where(k => k.StartsWith(section + ".", StringComparison.Ordinal) && !k[(section.Length + 1)..].Contains('.', StringComparison.Ordinal))
            .Select(k => k[(section.Length + 1)..]);

    private static void ReadMap(string file, string path, string key, YamlNode node, ScenarioSettings settings, List<string> errors)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add($"{file}:{node.Start.Line}: {path}: expected a mapping of names to values (Name: value)");
            return;
        }

        foreach (var (nameNode, valueNode) in mapping.Children)
        {
            if (nameNode is YamlScalarNode { Value: { Length: > 0 } name } && valueNode is YamlScalarNode { Value: { } value })
            {
                settings.Add(key, new Setting($"{name}: {value}", $"{file}:{valueNode.Start.Line}: {path}.{name}"));
            }
            else
            {
                errors.Add($"{file}:{nameNode.Start.Line}: {path}: expected a single value per name");
            }
        }
    }
}
