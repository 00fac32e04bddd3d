namespace LlmLoad.Reporting;

/// <summary>
/// Turns a finished run into one output (a results file, the console summary). Exporters read the report;
/// they never recompute statistics, so every output of a run shows the same numbers.
/// </summary>
internal interface IRunExporter
{
    void Export(RunReport report);
}
