namespace LlmLoad.Simulator.Metrics;

/// <summary>The spellings of <see cref="MetricsFlavor"/> on the command line and in a profile.</summary>
public static class MetricsFlavors
{
    private static readonly Dictionary<string, MetricsFlavor> ByName = new(StringComparer.Ordinal)
    {
        ["vllm"] = MetricsFlavor.Vllm,
        ["sglang"] = MetricsFlavor.Sglang,
        ["tgi"] = MetricsFlavor.Tgi,
        ["llamacpp"] = MetricsFlavor.LlamaCpp,
    };

    /// <summary>The accepted names, in the order the help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. ByName.Keys];

    public static bool TryParse(string text, out MetricsFlavor flavor) => ByName.TryGetValue(text, out flavor);

    public static string Name(MetricsFlavor flavor) => ByName.First(e => e.Value == flavor).Key;
}
