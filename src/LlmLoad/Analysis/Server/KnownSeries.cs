namespace LlmLoad.Analysis.Server;

/// <summary>
/// One server metric llmload understands: its exposed name, the server it comes from, what it measures and how to
/// read it. <paramref name="Scale"/> turns the exposed unit into the quantity's (a percentage into a fraction).
/// <paramref name="OnlyLabel"/>, as <c>name=value</c>, keeps only the samples carrying that label (one reason of a failure counter).
/// </summary>
internal sealed record KnownSeries(string Name, string Flavour, ServerQuantity Quantity, CombineRule Combine, double Scale = 1, string? OnlyLabel = null)
{
    public bool Matches(MetricSample sample)
    {
        if (OnlyLabel is null)
        {
            return true;
        }

        var equals = OnlyLabel.IndexOf('=', StringComparison.Ordinal);
        return sample.Label(OnlyLabel[..equals]) == OnlyLabel[(equals + 1)..];
    }
}
