using System.Text.Json;

namespace LlmLoad.Simulator.Tests.TestSupport;

/// <summary>One <c>data:</c> event as the client received it, with the time since the request was sent.</summary>
public sealed record SseEvent(string Data, TimeSpan At)
{
    public bool IsDone => Data == "[DONE]";

    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    /// <summary>choices[0].delta.content, or null when the event has no such string.</summary>
    public string? Content
    {
        get
        {
            var json = Json;
            return json.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices
                && choices.GetArrayLength() > 0
                && choices[0].GetProperty("delta").TryGetProperty("content", out var content)
                && content.ValueKind == JsonValueKind.String
                ? content.GetString()
                : null;
        }
    }
}
