using System.Diagnostics;
using LlmLoad.Providers;
using LlmLoad.Recording;

namespace LlmLoad.Telemetry;

/// <summary>
/// The attributes every live metric carries, by the GenAI conventions' names: the operation, the provider,
/// the model asked for and the server's host and port (never its path, query or credentials); per request
/// also <c>error.type</c> and llmload's own stage and category (names from the scenario, so few).
/// </summary>
internal sealed class RequestLabels
{
    private readonly KeyValuePair<string, object?>[] _common;

    public RequestLabels(string provider, string model, Uri target)
    {
        _common =
        [
            new("gen_ai.operation.name", OperationName(provider)),
            new("gen_ai.provider.name", ProviderName(provider)),
            new("gen_ai.request.model", model),
            new("server.address", target.Host),
            new("server.port", target.Port),
        ];
    }

    public ReadOnlySpan<KeyValuePair<string, object?>> Common => _common;

    public TagList For(RequestRecord record)
    {
        var tags = new TagList(_common);
        if (record.Error is { } error)
        {
            tags.Add("error.type", error.ToWireName());
        }

        if (record.Stage is { } stage)
        {
            tags.Add("llmload.stage", stage);
        }

        if (record.Category is { } category)
        {
            tags.Add("llmload.category", category);
        }

        return tags;
    }

    public static TagList Tokens(TagList tags, string type)
    {
        tags.Add("gen_ai.token.type", type);
        return tags;
    }

    /// <summary>The conventions' well-known operation names (gen_ai.operation.name).</summary>
    private static string OperationName(string provider) => provider switch
    {
        "openai-completions" => "text_completion",
        "openai-embeddings" => "embeddings",
        "gemini" => "generate_content",
        _ => "chat",
    };

    /// <summary>The conventions' well-known provider names (gen_ai.provider.name); llmload's own for the rest.</summary>
    private static string ProviderName(string provider) => provider switch
    {
        "openai" or "openai-responses" or "openai-completions" or "openai-embeddings" => "openai",
        "azure" => "azure.ai.openai",
        "anthropic" => "anthropic",
        "gemini" => "gcp.gemini",
        _ => provider,
    };
}
