using LlmLoad.Options;
using LlmLoad.Providers.Transport;

namespace LlmLoad.Runs;

/// <summary>What every sender of a run is given: the target, the model, the key and the user's headers.</summary>
internal static class RunConnection
{
    /// <summary>The built-in simulator wants a key where the real API does (Anthropic's x-api-key), any key.</summary>
    private const string EmbeddedKey = "llmload-simulator";

    public static TargetSettings Settings(RunOptions options, Uri url, bool embeddedSimulator)
    {
        var apiKey = Environment.GetEnvironmentVariable(options.ApiKeyEnv) ?? (embeddedSimulator ? EmbeddedKey : null);
        return new TargetSettings(url, options.Model, options.Stream, apiKey, options.Timeout) { Headers = options.Headers };
    }
}
