using System.Text;
using LlmLoad.Simulator.ChatCompletions;

namespace LlmLoad.Simulator.AzureOpenAi;

/// <summary>
/// Azure's content filter results on a clean prompt and answer, as its default filter reports them: the
/// prompt's in <c>prompt_filter_results</c> (its own first stream event, with empty id and no choices, or a
/// body field), each answer choice's in <c>content_filter_results</c>, empty on a choice with no text.
/// </summary>
internal static class AzureContentFilter
{
    private const string Categories =
        """{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}""";

    private const string PromptCategories =
        """{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}""";

    private const string PromptResults = $$"""[{"prompt_index":0,"content_filter_results":{{PromptCategories}}}]""";

    public static ChatAnswerFields Fields { get; } = new()
    {
        ContentChoice = new RawProperty("content_filter_results", Categories),
        EmptyChoice = new RawProperty("content_filter_results", "{}"),
        Prompt = new RawProperty("prompt_filter_results", PromptResults),
        LeadingEvent = Encoding.UTF8.GetBytes($$"""data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":{{PromptResults}}}""" + "\n\n"),
    };
}
