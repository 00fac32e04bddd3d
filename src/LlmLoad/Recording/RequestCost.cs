using LlmLoad.Pricing;

namespace LlmLoad.Recording;

/// <summary>
/// What one finished request cost, from the tokens its record shows: the input the server took in (cached input at the
/// cached price) and the output it generated. A request refused before a response (429, 5xx, a connection error) has no
/// input or output tokens and costs 0; a stream cut part-way costs its input plus the output received before the cut.
/// </summary>
internal static class RequestCost
{
    public static TokenCost Of(ModelPrice price, RequestRecord record)
    {
        var input = Math.Max(0, record.InputTokens ?? 0);
        // OpenAI's prompt_tokens and llmload's Anthropic input count both include the cache reads.
        var cached = Math.Clamp(record.CachedTokens ?? 0, 0, input);
        return price.Cost(input - cached, cached, Math.Max(0, record.OutputTokens ?? 0));
    }
}
