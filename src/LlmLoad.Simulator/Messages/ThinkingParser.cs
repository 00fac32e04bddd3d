using System.Text.Json;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// Reads the request's <c>thinking</c> (extended thinking): <c>{"type": "enabled", "budget_tokens": n}</c> with n at least
/// 1,024 and below <c>max_tokens</c>, <c>{"type": "adaptive"}</c> (the model decides, within <c>max_tokens</c>), or
/// <c>{"type": "disabled"}</c>; rejected as the real API rejects it otherwise. <c>display</c> is not read: thinking is always shown.
/// </summary>
internal static class ThinkingParser
{
    /// <summary>The smallest <c>budget_tokens</c> the API accepts.</summary>
    public const int MinBudgetTokens = 1024;

    /// <param name="budget">The thinking budget in tokens; 0 when thinking is off or not asked for.</param>
    public static AnthropicError? Read(JsonElement root, int maxTokens, out int budget)
    {
        budget = 0;
        if (!root.TryGetProperty("thinking", out var thinking) || thinking.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (thinking.ValueKind != JsonValueKind.Object)
        {
            return AnthropicError.InvalidRequest("thinking: Input should be a valid dictionary or object to extract fields from");
        }

        var type = thinking.TryGetProperty("type", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
        if (type == "disabled")
        {
            return null;
        }

        // Adaptive thinking: the model decides how much to think, within max_tokens.
        if (type == "adaptive")
        {
            budget = int.MaxValue;
            return null;
        }

        if (type != "enabled")
        {
            return AnthropicError.InvalidRequest(type is null
                ? "thinking: Unable to extract tag using discriminator 'type'"
                : $"thinking: Input tag '{type}' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'");
        }

        if (!thinking.TryGetProperty("budget_tokens", out var budgetElement))
        {
            return AnthropicError.InvalidRequest("thinking.enabled.budget_tokens: Field required");
        }

        if (budgetElement.ValueKind != JsonValueKind.Number || !budgetElement.TryGetInt32(out var tokens))
        {
            return AnthropicError.InvalidRequest("thinking.enabled.budget_tokens: Input should be a valid integer");
        }

        if (tokens < MinBudgetTokens)
        {
            return AnthropicError.InvalidRequest($"thinking.enabled.budget_tokens: Input should be greater than or equal to {MinBudgetTokens}");
        }

        if (tokens >= maxTokens)
        {
            return AnthropicError.InvalidRequest("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size");
        }

        budget = tokens;
        return null;
    }
}
