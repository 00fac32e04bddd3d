namespace LlmLoad.Providers.Transport;

/// <summary>What the sender needs to reach the API. The key is held here only, never logged.</summary>
/// <param name="Model">The model asked for; some formats put it in the URL.</param>
/// <param name="Stream">Whether responses are streamed; some formats choose the URL by it.</param>
internal sealed record TargetSettings(Uri BaseUrl, string Model, bool Stream, string? ApiKey, TimeSpan Timeout)
{
    /// <summary>Headers added to every request (<c>--header</c>); their values may be secrets and are never printed.</summary>
    public IReadOnlyList<RequestHeader> Headers { get; init; } = [];

    /// <summary>Gateway mode: the response header naming who served a request (<c>served_by: header:NAME</c>); null when none.</summary>
    public string? ServedByHeader { get; init; }

    /// <summary>Gateway mode: the top-level field of a buffered JSON answer naming who served it (<c>served_by: $.NAME</c>).</summary>
    public string? ServedByField { get; init; }

    public override string ToString() => $"{BaseUrl} (timeout {Timeout})";
}
