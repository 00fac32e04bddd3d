namespace LlmLoad.Simulator.Tests.Metrics;

/// <summary>One /metrics response: its text and the families the Prometheus parser read from it.</summary>
internal sealed record Scrape(string Text, IReadOnlyList<ParsedFamily> Families)
{
    /// <summary>The one family with this name (a counter's family name lacks _total); fails if absent, repeated or of another type.</summary>
    public ParsedFamily Family(string name, string type)
    {
        var matches = Families.Where(f => f.Name == name).ToList();
        Assert.True(matches.Count == 1, $"Expected one family '{name}', found {matches.Count}.");
        Assert.Equal(type, matches[0].Type);
        return matches[0];
    }

    /// <summary>The value of the one sample with this name and exactly these labels.</summary>
    public double Value(string sampleName, params (string Name, string Value)[] labels)
    {
        var wanted = labels.ToDictionary(l => l.Name, l => l.Value);
        var matches = Families.SelectMany(f => f.Samples)
            .Where(s => s.Name == sampleName && s.Labels.Count == wanted.Count && wanted.All(w => s.Labels.TryGetValue(w.Key, out var v) && v == w.Value))
            .ToList();
        Assert.True(matches.Count == 1, $"Expected one sample {sampleName}{{{string.Join(',', wanted)}}}, found {matches.Count}.");
        return matches[0].Value;
    }
}
