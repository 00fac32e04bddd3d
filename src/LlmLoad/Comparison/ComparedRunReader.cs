using System.Text.Json;
using LlmLoad.Planning;
using LlmLoad.Recording;
using LlmLoad.Reporting;

namespace LlmLoad.Comparison;

/// <summary>Reads a results directory of <c>llmload run</c> (summary.json and requests.jsonl) into a <see cref="ComparedRun"/>.</summary>
internal static class ComparedRunReader
{
    /// <summary>The per-request latencies compared, by their requests.jsonl field.</summary>
    public static readonly (string Name, string Field)[] LatencyFields = [("ttft", "ttft_ms"), ("tpot", "tpot_ms"), ("e2e", "e2e_ms")];

    /// <returns>Null, with the reasons in <paramref name="errors"/>, when the directory cannot be compared.</returns>
    public static ComparedRun? Read(string directory, List<string> errors)
    {
        var summaryPath = Path.Combine(directory, SummaryJson.FileName);
        var requestsPath = Path.Combine(directory, RequestLog.FileName);
        if (!Directory.Exists(directory))
        {
            errors.Add($"{directory}: no such directory; give the --out directories of llmload run");
            return null;
        }

        if (!File.Exists(summaryPath) || !File.Exists(requestsPath))
        {
            errors.Add($"{directory}: {(File.Exists(summaryPath) ? RequestLog.FileName : SummaryJson.FileName)} is missing; a comparison needs both summary.json and requests.jsonl of llmload run");
            return null;
        }

        var name = Path.Combine(directory, SummaryJson.FileName);
        using var document = JsonFields.Load(summaryPath, name, errors);
        if (document is null)
        {
            return null;
        }

        var before = errors.Count;
        var fields = new JsonFields(name, document.RootElement, errors);
        if (!fields.HasSchema(SummaryJson.Schema))
        {
            return null;
        }

        var figures = Figures(fields);
        var settings = RunSettings.Read(fields);
        var (latencies, points) = ReadRequests(requestsPath, errors);
        return errors.Count > before || figures is null ? null : new ComparedRun(directory, settings, figures, latencies, points);
    }

    private static RunFigures? Figures(JsonFields fields)
    {
        var measured = fields.Required("requests.measured");
        var failed = fields.Required("requests.failed");
        if (measured is not { } m || failed is not { } f)
        {
            return null;
        }

        var itl = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stat in new[] { "p50", "p90", "p95", "p99" })
        {
            if (fields.Optional("latency_ms.itl." + stat) is { } value)
            {
                itl[stat] = (double)value;
            }
        }

        return new RunFigures
        {
            Measured = (long)m,
            Failed = (long)f,
            GoodputMet = fields.Optional("slo.goodput_met") is { } met ? (long)met : null,
            RequestsPerSecond = (double?)fields.Optional("throughput.requests_per_s"),
            OutputTokensPerSecond = (double?)fields.Optional("throughput.output_tokens_per_s"),
            CostPerRequestUsd = (double?)fields.Optional("cost.per_request_usd"),
            Itl = itl,
        };
    }

    /// <summary>The successful measured requests' latencies (sorted) and every measured request's point in time.</summary>
    private static (Dictionary<string, double[]>, List<RequestPoint>) ReadRequests(string path, List<string> errors)
    {
        var values = LatencyFields.ToDictionary(l => l.Name, _ => new List<double>(), StringComparer.Ordinal);
        var points = new List<RequestPoint>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.GetProperty("warmup").GetBoolean())
                {
                    continue;
                }

                var succeeded = root.GetProperty("error_class").ValueKind == JsonValueKind.Null;
                points.Add(new RequestPoint(root.GetProperty("sent_ms").GetDouble(), Number(root, "ttft_ms"), Number(root, "e2e_ms"), succeeded));
                if (!succeeded)
                {
                    continue;
                }

                foreach (var (name, field) in LatencyFields)
                {
                    if (Number(root, field) is { } value)
                    {
                        values[name].Add(value);
                    }
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                errors.Add($"{path}: line {number}: not a request record of llmload run ({e.Message})");
                break;
            }
        }

        var sorted = values.ToDictionary(v => v.Key, v =>
        {
            var array = v.Value.ToArray();
            Array.Sort(array);
            return array;
        }, StringComparer.Ordinal);
        return (sorted, points);
    }

    private static double? Number(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
