using LlmLoad.Pricing;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Cost;

/// <summary>
/// The most a request can cost before it is sent, which the budget reserves: its output at <c>max_tokens</c> (a provider
/// never generates more than asked) and its input with a margin, since the prompt's length is known only by the local
/// tokenizer and the server counts its own way.
/// </summary>
internal static class WorstCase
{
    /// <summary>
    /// Headroom for a server that counts the prompt longer than o200k_base does: another model family's tokenizer (Claude's
    /// and Gemini's count English text up to about a third longer) plus the chat template's few tokens per message.
    /// </summary>
    public const decimal InputFactor = 1.5m;

    /// <summary>Tokens added to every prompt on top of <see cref="InputFactor"/>: chat templates add a few per message.</summary>
    public const int InputOverheadTokens = 64;

    /// <summary>The reservation for a request with <paramref name="inputTokens"/> by the local tokenizer asking for <paramref name="maxTokens"/>.</summary>
    public static decimal Usd(ModelPrice price, int inputTokens, int maxTokens)
    {
        var input = decimal.Ceiling((inputTokens * InputFactor) + InputOverheadTokens);
        // Cached input is never dearer than uncached in any list, but a user's file could say otherwise.
        var inputPrice = Math.Max(price.InputPerMillion, price.CachedInputPerMillion);
        return ((input * inputPrice) + (maxTokens * price.OutputPerMillion)) / 1_000_000m;
    }

    public static decimal Usd(ModelPrice price, PromptPlan plan) => Usd(price, plan.InputTokens, plan.MaxOutputTokens);
}
