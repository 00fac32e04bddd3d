using LlmLoad.Shared;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// Where a user's own app puts what llmload measures (<c>target.response</c> in a scenario): the framing of
/// its answer and a JSON path to each field. Only <see cref="Text"/> is required (not with plain-text framing).
/// </summary>
internal sealed record HttpResponseMapping(ResponseFraming Framing, JsonPath? Text)
{
    public static IReadOnlyList<string> FramingNames { get; } = ["sse", "ndjson", "json", "text"];

    /// <summary>Reasoning text deltas, apart from the answer.</summary>
    public JsonPath? Reasoning { get; init; }

    /// <summary>An SSE event's data that ends the stream (e.g. <c>[DONE]</c>); without one the stream's end is the end.</summary>
    public byte[]? Done { get; init; }

    public JsonPath? InputTokens { get; init; }

    public JsonPath? OutputTokens { get; init; }

    public JsonPath? Id { get; init; }

    public JsonPath? FinishReason { get; init; }

    /// <summary>An in-band error: when it holds a value, the response failed with that message.</summary>
    public JsonPath? Error { get; init; }

    /// <summary>Reads <c>target.response.*</c>; every problem names its field.</summary>
    public static HttpResponseMapping Read(ScenarioSettings settings, bool stream, List<string> errors)
    {
        var framing = settings.Read("response-framing", v => SettingParsers.OneOf(v, FramingNames), errors) switch
        {
            "sse" => ResponseFraming.ServerSentEvents,
            "ndjson" => ResponseFraming.JsonLines,
            "json" => ResponseFraming.Body,
            "text" => ResponseFraming.Text,
            _ => stream ? ResponseFraming.ServerSentEvents : ResponseFraming.Body,
        };
        JsonPath? Path(string key) => settings.Read(key, JsonPath.Parse, errors);

        var text = Path("response-text");
        if (text is null && framing != ResponseFraming.Text && settings["response-text"] is null)
        {
            errors.Add($"--provider http: target.response.text is required: the JSON path to the answer's text in each {(framing == ResponseFraming.Body ? "response" : "event")}, e.g. $.delta.text");
        }

        if (settings["response-done"] is { } done && framing != ResponseFraming.ServerSentEvents)
        {
            errors.Add($"{done.Label}: an end marker applies to sse framing; JSON lines and text end with the stream");
        }

        return new HttpResponseMapping(framing, text)
        {
            Reasoning = Path("response-reasoning"),
            Done = settings["response-done"] is { } marker ? System.Text.Encoding.UTF8.GetBytes(marker.Value) : null,
            InputTokens = Path("response-input-tokens"),
            OutputTokens = Path("response-output-tokens"),
            Id = Path("response-id"),
            FinishReason = Path("response-finish-reason"),
            Error = Path("response-error"),
        };
    }
}
