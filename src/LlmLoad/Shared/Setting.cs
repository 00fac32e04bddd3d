namespace LlmLoad.Shared;

/// <summary>One raw value from the scenario file or the command line, with where it came from for error messages.</summary>
/// <param name="Label">How to point the user at it: <c>scenario.yaml:12: traffic.rate</c> or <c>--rate</c>.</param>
internal sealed record Setting(string Value, string Label)
{
    /// <summary>The value as a path: one written in a scenario file is relative to that file; one given on the command line, to the current directory.</summary>
    public string PathFrom(string? scenarioPath)
        => Label.StartsWith("--", StringComparison.Ordinal) || scenarioPath is null
            ? Value
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenarioPath))!, Value);
}
