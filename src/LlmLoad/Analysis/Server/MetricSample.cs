namespace LlmLoad.Analysis.Server;

/// <summary>One line of the exposition: a sample name, its labels (in the order written), its value and optional timestamp.</summary>
/// <param name="TimestampMs">Milliseconds since the Unix epoch, when the exporter wrote one; null otherwise.</param>
internal sealed record MetricSample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value, long? TimestampMs = null)
{
    /// <summary>The value of label <paramref name="name"/>, or null.</summary>
    public string? Label(string name)
    {
        foreach (var (key, value) in Labels)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The labels without <paramref name="except"/> (a histogram's <c>le</c>), as one key that tells series apart.</summary>
    public string SeriesKey(string? except = null)
        => string.Join(',', Labels.Where(l => l.Key != except).Select(l => l.Key + "=" + l.Value));
}
