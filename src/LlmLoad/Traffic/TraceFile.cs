using System.Globalization;
using System.Text.Json;

namespace LlmLoad.Traffic;

/// <summary>
/// Reads a trace of arrivals to replay. JSON Lines in the Mooncake form that vLLM, GuideLLM and AIPerf
/// also read (<c>{"timestamp": 1200, "input_length": 512, "output_length": 128}</c>, timestamp in
/// milliseconds; <c>input_tokens</c>/<c>output_tokens</c> are accepted too), or CSV with a header
/// naming <c>timestamp</c> and optionally the two lengths. Timestamps must not go back in time; the
/// first one is the run's start.
/// </summary>
internal static class TraceFile
{
    private static readonly string[] InputNames = ["input_length", "input_tokens"];
    private static readonly string[] OutputNames = ["output_length", "output_tokens"];

    /// <summary>The arrivals, or null with a message per problem (file:line: what was wrong) in <paramref name="errors"/>.</summary>
    public static IReadOnlyList<TraceArrival>? Load(string path, List<string> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{path}: trace file not found");
            return null;
        }

        var before = errors.Count;
        var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var arrivals = new List<TraceArrival>();
        CsvColumns? columns = null;
        var lineNumber = 0;
        double? first = null, previous = null;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || errors.Count - before >= 10)
            {
                continue;
            }

            var where = $"{path}:{lineNumber}";
            try
            {
                if (csv && columns is null)
                {
                    columns = CsvColumns.FromHeader(line);
                    continue;
                }

                var (timestamp, input, output) = csv ? columns!.Read(line) : ReadJson(line);
                if (timestamp < previous)
                {
                    throw new FormatException($"timestamp {timestamp.ToString(CultureInfo.InvariantCulture)} is before the previous one ({previous.Value.ToString(CultureInfo.InvariantCulture)}); a trace must be in time order");
                }

                first ??= timestamp;
                previous = timestamp;
                arrivals.Add(new TraceArrival((timestamp - first.Value) / 1000, input, output));
            }
            catch (FormatException ex)
            {
                errors.Add($"{where}: {ex.Message}");
            }
        }

        if (errors.Count == before && arrivals.Count == 0)
        {
            errors.Add($"{path}: the trace has no arrivals");
        }

        return errors.Count > before ? null : arrivals;
    }

    private static (double Timestamp, int? Input, int? Output) ReadJson(string line)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a JSON object ({ex.Message})");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("expected a JSON object such as {\"timestamp\": 1200, \"input_length\": 512, \"output_length\": 128}");
        }

        if (!root.TryGetProperty("timestamp", out var timestamp) || !timestamp.TryGetDouble(out var ms) || ms < 0)
        {
            throw new FormatException("field 'timestamp': expected milliseconds as a number of at least 0");
        }

        return (ms, JsonLength(root, InputNames), JsonLength(root, OutputNames));
    }

    private static int? JsonLength(JsonElement root, string[] names)
    {
        foreach (var name in names)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value.TryGetInt32(out var tokens) && tokens >= 1
                    ? tokens
                    : throw new FormatException($"field '{name}': expected a whole number of tokens, at least 1");
            }
        }

        return null;
    }

    private static int? CsvLength(string[] cells, int column, string name)
    {
        if (column < 0 || column >= cells.Length || cells[column].Trim().Length == 0)
        {
            return null;
        }

        return int.TryParse(cells[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var tokens) && tokens >= 1
            ? tokens
            : throw new FormatException($"column '{name}': expected a whole number of tokens, at least 1, got '{cells[column].Trim()}'");
    }

    private sealed record CsvColumns(int Timestamp, int Input, int Output)
    {
        public static CsvColumns FromHeader(string header)
        {
            var names = header.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
            var timestamp = names.IndexOf("timestamp");
            return timestamp < 0
                ? throw new FormatException("a CSV trace starts with a header naming 'timestamp' (milliseconds) and optionally input_length and output_length")
                : new CsvColumns(timestamp, names.FindIndex(InputNames.Contains), names.FindIndex(OutputNames.Contains));
        }

        public (double, int?, int?) Read(string line)
        {
            var cells = line.Split(',');
            if (Timestamp >= cells.Length || !double.TryParse(cells[Timestamp], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || ms < 0 || !double.IsFinite(ms))
            {
                throw new FormatException("column 'timestamp': expected milliseconds as a number of at least 0");
            }

            return (ms, CsvLength(cells, Input, "input_length"), CsvLength(cells, Output, "output_length"));
        }
    }
}
