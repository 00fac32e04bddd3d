using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmLoad.Pricing;

/// <summary>
/// Reads YAML files keyed by names the user chooses (model names, tier tables), which the fixed-section
/// <see cref="Scenario.SettingsFile"/> cannot describe, with the same error style: <c>file:line: path: what was expected</c>.
/// </summary>
internal static class YamlTableFile
{
    /// <summary>The root mapping's single section <paramref name="section"/>, as named entries; empty after an error.</summary>
    /// <param name="name">How errors name the file.</param>
    /// <param name="kind">What the file is, for messages: "pricing", "tiers".</param>
    public static IReadOnlyList<YamlEntry> LoadSection(TextReader reader, string name, string kind, string section, List<string> errors)
    {
        YamlStream yaml = [];
        try
        {
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            errors.Add($"{name}:{ex.Start.Line}: invalid YAML: {ex.InnerException?.Message ?? ex.Message}");
            return [];
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this, without a position, on some malformed flow collections.
            errors.Add($"{name}: invalid YAML: {ex.Message} (an unclosed [ or {{?)");
            return [];
        }

        if (yaml.Documents.Count == 0)
        {
            errors.Add($"{name}: the {kind} file is empty; expected a '{section}:' section");
            return [];
        }

        var root = yaml.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping)
        {
            errors.Add($"{name}:{root.Start.Line}: expected a mapping with a '{section}:' section");
            return [];
        }

        var entries = new List<YamlEntry>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = Text(keyNode);
            if (key != section)
            {
                errors.Add($"{name}:{keyNode.Start.Line}: unknown section '{key}'; expected '{section}'");
            }
            else if (valueNode is not YamlMappingNode named)
            {
                errors.Add($"{name}:{valueNode.Start.Line}: {section}: expected a mapping of names to entries");
            }
            else
            {
                entries.AddRange(Entries(name, section, named));
            }
        }

        return entries;
    }

    /// <summary>The children of a mapping as named entries (<c>path.NAME</c>).</summary>
    public static IEnumerable<YamlEntry> Entries(string file, string path, YamlMappingNode mapping)
        => mapping.Children.Select(child => new YamlEntry(file, $"{path}.{Text(child.Key)}", Text(child.Key), child.Key.Start.Line, child.Value));

    public static string Text(YamlNode node) => (node as YamlScalarNode)?.Value ?? node.ToString();
}
