namespace LlmLoad.Planning;

/// <summary>Where a measured figure of a plan came from: which file and which field (or arithmetic on fields).</summary>
/// <param name="Figure">The figure, as the plan names it: <c>input tokens per request</c>.</param>
/// <param name="Value">Its value as the plan uses it, with its unit.</param>
/// <param name="File">The file, relative to the results directory: <c>summary.json</c>, <c>steps/09-92rps/summary.json</c>.</param>
/// <param name="Field">The field or the arithmetic on fields: <c>tokens.input_total / requests.measured</c>.</param>
internal sealed record FigureSource(string Figure, string Value, string File, string Field)
{
    public override string ToString() => $"{Figure}: {Value}, from {File} {Field}";
}
