using System.Text.Json;

namespace LlmLoad.Simulator.Tests.TestSupport;

/// <summary>One <c>event:</c> + <c>data:</c> pair as the client received it, with the time since the request was sent.</summary>
public sealed record NamedSseEvent(string Name, string Data, TimeSpan At)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    /// <summary>delta.text of a <c>content_block_delta</c>, else null.</summary>
    public string? Text => Name == "content_block_delta" ? Json.GetProperty("delta").GetProperty("text").GetString() : null;
}
