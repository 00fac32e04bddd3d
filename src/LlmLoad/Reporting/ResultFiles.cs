using LlmLoad.Reporting.Html;

namespace LlmLoad.Reporting;

/// <summary>The files every run writes when it ends, in this order: summary.json last, so that its presence says the others are complete.</summary>
internal static class ResultFiles
{
    public static IReadOnlyList<IRunExporter> All { get; } = [new TimeSeriesCsv(), new HistogramLogFile(), new HtmlReport(), new JUnitXml(), new SummaryJson()];
}
