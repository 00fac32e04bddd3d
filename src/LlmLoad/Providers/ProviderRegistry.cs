using LlmLoad.Providers.Formats;

namespace LlmLoad.Providers;

/// <summary>
/// Every API llmload speaks, the first being the default. Adding one is a format file in Formats/ with its
/// <see cref="Provider"/> and one line here (and, for the simulator to answer it, its side in LlmLoad.Simulator).
/// </summary>
internal static class ProviderRegistry
{
    public static IReadOnlyList<Provider> All { get; } =
    [
        OpenAiChatFormat.Provider,
        OpenAiResponsesFormat.Provider,
        AnthropicMessagesFormat.Provider,
        AzureOpenAiFormat.Provider,
        OpenAiCompletionsFormat.Provider,
        GeminiGenerateContentFormat.Provider,
        OpenAiEmbeddingsFormat.Provider,
        HttpAppFormat.Provider,
    ];

    public static Provider Default => All[0];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    public static Provider? Find(string name) => All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>For <c>--provider</c>'s help: "openai (chat completions) or anthropic (messages)".</summary>
    public static string Choices => Sentence(All.Select(p => $"{p.Name} ({p.Summary})"));

    /// <summary>For <c>--api-key-env</c>'s help: "OPENAI_API_KEY, or ANTHROPIC_API_KEY with --provider anthropic".</summary>
    public static string KeyDefaults => string.Join(", or ", All
        .Where(p => p == Default || p.DefaultKeyEnv != Default.DefaultKeyEnv)
        .Select(p => p == Default ? p.DefaultKeyEnv : $"{p.DefaultKeyEnv} with --provider {p.Name}"));

    private static string Sentence(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Join("", list) : string.Join(", ", list[..^1]) + " or " + list[^1];
    }
}
