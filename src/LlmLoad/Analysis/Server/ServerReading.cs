namespace LlmLoad.Analysis.Server;

/// <summary>What llmload read from one scrape of one endpoint: the known quantities, combined over their series, and the queue-time histogram.</summary>
/// <param name="AtMs">When the scrape was sent, in milliseconds since the run started (the clock of requests.jsonl).</param>
internal sealed record ServerReading(double AtMs, IReadOnlyDictionary<ServerQuantity, double> Values, HistogramSnapshot? QueueTime)
{
    public static ServerReading From(IReadOnlyList<MetricFamily> families, double atMs)
    {
        var byQuantity = new Dictionary<ServerQuantity, (CombineRule Rule, List<double> Values)>();
        foreach (var sample in families.SelectMany(f => f.Samples))
        {
            if (ServerFlavours.Find(sample) is not { } known || double.IsNaN(sample.Value))
            {
                continue;
            }

            if (!byQuantity.TryGetValue(known.Quantity, out var entry))
            {
                entry = (known.Combine, []);
                byQuantity[known.Quantity] = entry;
            }

            entry.Values.Add(sample.Value * known.Scale);
        }

        var values = byQuantity.ToDictionary(e => e.Key, e => Combine(e.Value.Rule, e.Value.Values));
        foreach (var ratio in ServerFlavours.Ratios)
        {
            if (!values.ContainsKey(ratio.Quantity) && Total(families, ratio.Denominator) is > 0 and var denominator && Total(families, ratio.Numerator) is { } numerator)
            {
                values[ratio.Quantity] = numerator / denominator;
            }
        }
        HistogramSnapshot? queue = null;
        foreach (var name in ServerFlavours.QueueTimeHistograms.Keys)
        {
            queue ??= HistogramSnapshot.From(families, name);
        }

        return new ServerReading(atMs, values, queue);
    }

    /// <summary>The sum of every sample named <paramref name="name"/>; null when there is none.</summary>
    private static double? Total(IReadOnlyList<MetricFamily> families, string name)
    {
        double? total = null;
        foreach (var sample in families.SelectMany(f => f.Samples).Where(s => s.Name == name && !double.IsNaN(s.Value)))
        {
            total = (total ?? 0) + sample.Value;
        }

        return total;
    }

    public double? this[ServerQuantity quantity] => Values.TryGetValue(quantity, out var value) ? value : null;

    private static double Combine(CombineRule rule, List<double> values) => rule switch
    {
        CombineRule.Sum => values.Sum(),
        CombineRule.Mean => values.Average(),
        CombineRule.Max => values.Max(),
        CombineRule.CountNonIdleBits => values.Count(v => ((long)v & ~1L) != 0),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
