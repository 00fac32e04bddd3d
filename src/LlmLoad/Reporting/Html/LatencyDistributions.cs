using System.Text.Json;
using LlmLoad.Corpus;

namespace LlmLoad.Reporting.Html;

/// <summary>
/// The latency distributions report.html draws, from the measured (not warm-up) records of requests.jsonl:
/// TTFT, TPOT (the request's mean inter-token gap: requests.jsonl keeps no single gaps, so ITL's own
/// distribution is not there) and E2E of the successful requests, and the schedule lag of all of them.
/// Read from the file, so that a report rebuilt later shows the same as the one written by the run.
/// </summary>
internal sealed class LatencyDistributions
{
    private static readonly (string Field, string Label, bool SuccessOnly)[] Metrics =
    [
        ("ttft_ms", "TTFT", true),
        ("tpot_ms", "TPOT (mean inter-token gap per request)", true),
        ("e2e_ms", "E2E", true),
        ("schedule_lag_ms", "Schedule lag", false),
    ];

    private readonly LogBins[] _bins = [.. Metrics.Select(_ => new LogBins())];

    /// <summary>Reads the file line by line (memory does not grow with it); a missing file gives empty distributions, a bad line is skipped.</summary>
    public static LatencyDistributions Read(string path)
    {
        var distributions = new LatencyDistributions();
        if (!File.Exists(path))
        {
            return distributions;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024);
        var lines = new JsonLinesReader(file);
        var values = new double?[Metrics.Length];
        while (lines.TryReadLine(out var line, out var tooLong))
        {
            if (tooLong || line.IsEmpty)
            {
                continue;
            }

            try
            {
                distributions.AddRecord(line, values);
            }
            catch (JsonException)
            {
                // A torn last line of a run that was killed: the rest still makes a distribution.
            }
        }

        return distributions;
    }

    private void AddRecord(ReadOnlySpan<byte> line, double?[] values)
    {
        Array.Clear(values);
        var warmup = false;
        var failed = false;
        var reader = new Utf8JsonReader(line);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var metric = -1;
            for (var i = 0; i < Metrics.Length; i++)
            {
                if (reader.ValueTextEquals(Metrics[i].Field))
                {
                    metric = i;
                }
            }

            var isWarmup = reader.ValueTextEquals("warmup");
            var isError = reader.ValueTextEquals("error_class");
            reader.Read();
            if (metric >= 0 && reader.TokenType == JsonTokenType.Number)
            {
                values[metric] = reader.GetDouble();
            }
            else if (isWarmup)
            {
                warmup = reader.TokenType == JsonTokenType.True;
            }
            else if (isError)
            {
                failed = reader.TokenType != JsonTokenType.Null;
            }
            else
            {
                reader.Skip();
            }
        }

        if (warmup)
        {
            return;
        }

        for (var i = 0; i < Metrics.Length; i++)
        {
            if (values[i] is { } value && (!failed || !Metrics[i].SuccessOnly))
            {
                _bins[i].Add(value);
            }
        }
    }

    /// <summary>An array of <c>{"metric", "label", "count", "lower": [...], "counts": [...]}</c>.</summary>
    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        for (var i = 0; i < Metrics.Length; i++)
        {
            var bins = _bins[i].Bins().ToList();
            json.WriteStartObject();
            json.WriteString("metric", Metrics[i].Field);
            json.WriteString("label", Metrics[i].Label);
            json.WriteNumber("count", _bins[i].Count);
            json.WriteStartArray("lower");
            bins.ForEach(b => json.WriteNumberValue(b.Lower));
            json.WriteEndArray();
            json.WriteStartArray("counts");
            bins.ForEach(b => json.WriteNumberValue(b.Count));
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
