using System.Globalization;
using System.Text;

namespace LlmLoad.Analysis.Server;

/// <summary>
/// Reads the Prometheus text exposition format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/):
/// <c># HELP</c> and <c># TYPE</c> lines, other comments, samples with labels (escaped <c>\\</c>, <c>\"</c>, <c>\n</c>),
/// values including <c>NaN</c> and <c>±Inf</c>, and optional millisecond timestamps. A sample joins the family of
/// the TYPE or HELP line before it when its name is that family's (with <c>_bucket</c>, <c>_sum</c>, <c>_count</c> for
/// a histogram, <c>_sum</c>, <c>_count</c> for a summary), as the Prometheus project's own parsers group them; any
/// other sample is an untyped family of its own. Checked against prometheus_client's parser in the tests.
/// </summary>
internal static class ExpositionParser
{
    /// <summary>The families in the order written.</summary>
    /// <exception cref="FormatException">A line is not in the format; the message names the line and what was expected.</exception>
    public static IReadOnlyList<MetricFamily> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var families = new List<MetricFamily>();
        FamilyBuilder? current = null;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.AsSpan().Trim(" \t\r");
            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                if (line[0] == '#')
                {
                    current = ReadComment(line, current, families);
                    continue;
                }

                var sample = ReadSample(line);
                if (current is null || !current.Accepts(sample.Name))
                {
                    current = current is { IsUntyped: true } && current.Name == sample.Name ? current : Start(families, current, sample.Name);
                }

                current.Samples.Add(sample);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"line {lineNumber}: {ex.Message}: '{Shorten(line)}'", ex);
            }
        }

        Flush(families, current);
        return families;
    }

    private static FamilyBuilder? ReadComment(ReadOnlySpan<char> line, FamilyBuilder? current, List<MetricFamily> families)
    {
        var rest = line[1..].TrimStart(" \t");
        var keyword = NextToken(ref rest);
        if (keyword is not ("HELP" or "TYPE"))
        {
            return current;
        }

        var name = NextToken(ref rest);
        if (name.Length == 0 || !IsMetricName(name))
        {
            throw new FormatException($"# {keyword} needs a metric name");
        }

        if (current is null || current.Name != name || current.IsUntyped && current.Samples.Count > 0)
        {
            current = Start(families, current, name);
        }

        if (keyword == "HELP")
        {
            current.Help = UnescapeHelp(rest.ToString());
        }
        else
        {
            var type = NextToken(ref rest);
            current.Type = type is "counter" or "gauge" or "histogram" or "summary" or "untyped"
                ? type
                : throw new FormatException("# TYPE expects counter, gauge, histogram, summary or untyped");
            current.IsUntyped = false;
        }

        return current;
    }

    private static FamilyBuilder Start(List<MetricFamily> families, FamilyBuilder? previous, string name)
    {
        Flush(families, previous);
        return new FamilyBuilder(name);
    }

    private static void Flush(List<MetricFamily> families, FamilyBuilder? builder)
    {
        if (builder is not null && (builder.Samples.Count > 0 || !builder.IsUntyped || builder.Help.Length > 0))
        {
            families.Add(new MetricFamily(builder.Name, builder.Type, builder.Help, builder.Samples));
        }
    }

    private static MetricSample ReadSample(ReadOnlySpan<char> line)
    {
        var nameEnd = 0;
        while (nameEnd < line.Length && IsNameChar(line[nameEnd], first: nameEnd == 0))
        {
            nameEnd++;
        }

        if (nameEnd == 0)
        {
            throw new FormatException("expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), '#' or an empty line");
        }

        var name = line[..nameEnd].ToString();
        var rest = line[nameEnd..].TrimStart(" \t");
        var labels = new List<KeyValuePair<string, string>>();
        if (!rest.IsEmpty && rest[0] == '{')
        {
            rest = ReadLabels(rest[1..], labels);
        }

        var valueText = NextToken(ref rest);
        if (valueText.Length == 0)
        {
            throw new FormatException($"sample {name} has no value");
        }

        var value = ParseValue(valueText);
        long? timestamp = null;
        var timestampText = NextToken(ref rest);
        if (timestampText.Length > 0)
        {
            timestamp = long.TryParse(timestampText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                ? ms
                : throw new FormatException($"sample {name}: timestamp '{timestampText}' is not an integer of milliseconds");
        }

        if (!rest.Trim(" \t").IsEmpty)
        {
            throw new FormatException($"sample {name}: unexpected text after the value and timestamp");
        }

        return new MetricSample(name, labels, value, timestamp);
    }

    /// <summary>Reads <c>name="value",...}</c> (the brace already consumed); returns what follows the closing brace.</summary>
    private static ReadOnlySpan<char> ReadLabels(ReadOnlySpan<char> rest, List<KeyValuePair<string, string>> labels)
    {
        while (true)
        {
            rest = rest.TrimStart(" \t");
            if (rest.IsEmpty)
            {
                throw new FormatException("labels are not closed with '}'");
            }

            if (rest[0] == '}')
            {
                return rest[1..];
            }

            var nameEnd = 0;
            while (nameEnd < rest.Length && IsLabelNameChar(rest[nameEnd], first: nameEnd == 0))
            {
                nameEnd++;
            }

            if (nameEnd == 0)
            {
                throw new FormatException("expected a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
            }

            var labelName = rest[..nameEnd].ToString();
            rest = rest[nameEnd..].TrimStart(" \t");
            if (rest.IsEmpty || rest[0] != '=')
            {
                throw new FormatException($"label {labelName} needs '=' and a quoted value");
            }

            rest = rest[1..].TrimStart(" \t");
            if (rest.IsEmpty || rest[0] != '"')
            {
                throw new FormatException($"label {labelName}'s value must be in double quotes");
            }

            rest = ReadQuoted(rest[1..], out var labelValue);
            labels.Add(new(labelName, labelValue));
            rest = rest.TrimStart(" \t");
            if (!rest.IsEmpty && rest[0] == ',')
            {
                rest = rest[1..];
            }
            else if (rest.IsEmpty || rest[0] != '}')
            {
                throw new FormatException($"expected ',' or '}}' after label {labelName}");
            }
        }
    }

    /// <summary>A label value up to its unescaped closing quote; <c>\\</c>, <c>\"</c> and <c>\n</c> are unescaped, any other backslash kept.</summary>
    private static ReadOnlySpan<char> ReadQuoted(ReadOnlySpan<char> rest, out string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '"')
            {
                value = text.ToString();
                return rest[(i + 1)..];
            }

            if (c == '\\' && i + 1 < rest.Length)
            {
                var next = rest[++i];
                text.Append(next switch { '\\' => "\\", '"' => "\"", 'n' => "\n", _ => "\\" + next });
            }
            else
            {
                text.Append(c);
            }
        }

        throw new FormatException("a label value is not closed with '\"'");
    }

    /// <summary>Go's ParseFloat spellings as exporters write them: decimals, exponents, NaN, +Inf, -Inf (any case).</summary>
    internal static double ParseValue(ReadOnlySpan<char> text)
    {
        if (text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        var sign = text[0] == '-' ? -1 : 1;
        var unsigned = text[0] is '+' or '-' ? text[1..] : text;
        if (unsigned.Equals("Inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("Infinity", StringComparison.OrdinalIgnoreCase))
        {
            return sign * double.PositiveInfinity;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a number (expected e.g. 1, 0.25, 1e+06, NaN, +Inf)");
    }

    private static string UnescapeHelp(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '\\' or 'n')
            {
                result.Append(text[++i] == 'n' ? '\n' : '\\');
            }
            else
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>The next whitespace-separated token; <paramref name="rest"/> keeps what follows it, leading whitespace included.</summary>
    private static string NextToken(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(" \t");
        var end = rest.IndexOfAny(' ', '\t');
        var token = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..];
        if (token.Length > 0 && rest.Length > 0)
        {
            rest = rest.TrimStart(" \t");
        }

        return token.ToString();
    }

    private static bool IsMetricName(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (!IsNameChar(name[i], i == 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNameChar(char c, bool first) => char.IsAsciiLetter(c) || c is '_' or ':' || (!first && char.IsAsciiDigit(c));

    private static bool IsLabelNameChar(char c, bool first) => char.IsAsciiLetter(c) || c == '_' || (!first && char.IsAsciiDigit(c));

    private static string Shorten(ReadOnlySpan<char> line) => line.Length <= 80 ? line.ToString() : line[..77].ToString() + "...";

    private sealed class FamilyBuilder(string name)
    {
        public string Name { get; } = name;

        public string Type { get; set; } = "untyped";

        public string Help { get; set; } = "";

        /// <summary>True until a TYPE line names this family: a bare sample's family, or one announced by HELP alone.</summary>
        public bool IsUntyped { get; set; } = true;

        public List<MetricSample> Samples { get; } = [];

        public bool Accepts(string sampleName) => Type switch
        {
            "histogram" => sampleName == Name + "_bucket" || sampleName == Name + "_sum" || sampleName == Name + "_count",
            "summary" => sampleName == Name || sampleName == Name + "_sum" || sampleName == Name + "_count",
            _ => sampleName == Name,
        };
    }
}
