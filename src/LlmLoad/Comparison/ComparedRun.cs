namespace LlmLoad.Comparison;

/// <summary>One results directory a comparison reads: its summary's figures and settings, and the latencies of its successful measured requests.</summary>
/// <param name="Name">The directory as the user gave it: how every output names the run.</param>
/// <param name="Settings">What the run was asked to do, field by field (<see cref="RunSettings.Fields"/>), as text.</param>
/// <param name="Latencies">Per latency name (<c>ttft</c>, <c>tpot</c>, <c>e2e</c>) the successful measured requests' values in ms, sorted ascending.</param>
/// <param name="Points">The measured requests in the file's order, for the time series.</param>
internal sealed record ComparedRun(
    string Name,
    IReadOnlyList<(string Field, string Value)> Settings,
    RunFigures Figures,
    IReadOnlyDictionary<string, double[]> Latencies,
    IReadOnlyList<RequestPoint> Points);
