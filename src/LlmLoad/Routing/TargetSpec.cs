namespace LlmLoad.Routing;

/// <summary>
/// One target of a run of several (<c>--target</c>, a scenario's <c>targets:</c> list). Unset fields take the run's
/// own (<c>--provider</c>, <c>--model</c>, <c>--api-key-env</c>); a target without a URL is an embedded simulator of its own.
/// </summary>
/// <param name="Weight">Its share of the traffic, relative to the other targets' weights.</param>
internal sealed record TargetSpec(string Name, Uri? Url, TargetRole Role, double Weight)
{
    public string? Provider { get; init; }

    public string? Model { get; init; }

    public string? ApiKeyEnv { get; init; }

    /// <summary>Gateway mode: where the response names who served it (<c>header:x-served-by</c> or a JSON path such as <c>$.provider</c>); null when the target serves itself.</summary>
    public ServedBy? ServedBy { get; init; }
}
