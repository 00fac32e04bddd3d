using System.Globalization;

namespace LlmLoad.SimBench;

/// <summary>The two things the bench reads from the simulator's <c>GET /metrics</c>: the send-lag histogram and the running gauge.</summary>
internal sealed record SimulatorScrape(SendLagHistogram SendLag, double Running)
{
    private const string SendLagName = "llmload_simulator_send_lag_seconds";
    private const string RunningName = "vllm:num_requests_running";

    public static async Task<SimulatorScrape> FetchAsync(HttpClient client, Uri metrics, CancellationToken cancellationToken)
        => Parse(await client.GetStringAsync(metrics, cancellationToken));

    /// <summary>Reads the Prometheus text format as the simulator writes it: one sample per line, <c>name{labels} value</c>.</summary>
    public static SimulatorScrape Parse(string text)
    {
        var bounds = new List<double>();
        var cumulative = new List<double>();
        double count = 0, sum = 0, running = double.NaN;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var value = Value(line);
            if (line.StartsWith(SendLagName + "_bucket{"))
            {
                bounds.Add(Bound(line));
                cumulative.Add(value);
            }
            else if (line.StartsWith(SendLagName + "_count"))
            {
                count = value;
            }
            else if (line.StartsWith(SendLagName + "_sum"))
            {
                sum = value;
            }
            else if (line.StartsWith(RunningName + "{") || line.StartsWith(RunningName + " "))
            {
                running = value;
            }
        }

        if (bounds.Count == 0 || double.IsNaN(running))
        {
            throw new InvalidDataException($"/metrics has no {SendLagName} histogram or no {RunningName} gauge");
        }

        return new SimulatorScrape(new SendLagHistogram(bounds, cumulative, count, sum), running);
    }

    private static double Value(ReadOnlySpan<char> line)
        => double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double Bound(ReadOnlySpan<char> line)
    {
        var start = line.IndexOf("le=\"") + 4;
        var text = line[start..];
        text = text[..text.IndexOf('"')];
        return text.SequenceEqual("+Inf") ? double.PositiveInfinity : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
