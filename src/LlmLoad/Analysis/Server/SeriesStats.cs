namespace LlmLoad.Analysis.Server;

/// <summary>Min, mean and max of one quantity over a run's scrapes.</summary>
internal sealed record SeriesStats(double Min, double Mean, double Max, int Scrapes)
{
    public static SeriesStats? Of(IReadOnlyCollection<double> values)
        => values.Count == 0 ? null : new SeriesStats(values.Min(), values.Average(), values.Max(), values.Count);
}
