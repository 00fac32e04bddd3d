using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;

namespace LlmLoad.Reporting.Html;

/// <summary>
/// timeseries.csv as columns for the charts: every column whose cells are all numbers (or empty: no sample)
/// is a numeric series, any other (the stage name) a text one; a column with no value at all is left out. Columns are read by name, not by a fixed list,
/// so a column added to the file later is drawn too.
/// </summary>
internal sealed record TimeSeriesColumns(IReadOnlyList<(string Name, double?[] Values)> Numeric, IReadOnlyList<(string Name, string[] Values)> Text)
{
    public static TimeSeriesColumns Empty { get; } = new([], []);

    /// <summary>Reads the file; a missing file is an empty series (a run stopped before its first window).</summary>
    public static TimeSeriesColumns Read(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        using var reader = Sep.Reader(o => o with { Unescape = true, HasHeader = true }).FromFile(path);
        var names = reader.Header.ColNames;
        var cells = names.Select(_ => new List<string>()).ToList();
        foreach (var row in reader)
        {
            for (var i = 0; i < names.Count; i++)
            {
                cells[i].Add(i < row.ColCount ? row[i].ToString() : "");
            }
        }

        var numeric = new List<(string, double?[])>();
        var text = new List<(string, string[])>();
        for (var i = 0; i < names.Count; i++)
        {
            // A column without a single value (the stage of a run without stages, ITL of embeddings) has nothing to draw.
            if (cells[i].Count > 0 && cells[i].All(c => c.Length == 0))
            {
                continue;
            }

            if (Numbers(cells[i]) is { } values)
            {
                numeric.Add((names[i], values));
            }
            else
            {
                text.Add((names[i], [.. cells[i]]));
            }
        }

        return new(numeric, text);
    }

    /// <summary><c>{"numeric": [{"name", "values"}], "text": [...]}</c>, numbers rounded to 3 decimals as the file has them.</summary>
    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartArray("numeric");
        foreach (var (name, values) in Numeric)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteStartArray("values");
            foreach (var value in values)
            {
                if (value is { } v)
                {
                    json.WriteNumberValue(Math.Round(v, 3));
                }
                else
                {
                    json.WriteNullValue();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("text");
        foreach (var (name, values) in Text)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteStartArray("values");
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The cells as numbers (empty ones null), or null when one is not a finite number.</summary>
    private static double?[]? Numbers(List<string> cells)
    {
        var values = new double?[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].Length == 0)
            {
                continue;
            }

            if (!double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                return null;
            }

            values[i] = v;
        }

        return values;
    }
}
