namespace LlmLoad.Providers;

/// <summary>What the sender needs to reach the API. The key is held here only, never logged.</summary>
internal sealed record TargetSettings(Uri BaseUrl, string? ApiKey, TimeSpan Timeout)
{
    public override string ToString() => $"{BaseUrl} (timeout {Timeout})";
}
