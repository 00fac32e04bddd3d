using System.Text;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// Gemini's <c>finishReason</c> in the contract's words: <c>STOP</c> is <c>stop</c>, <c>MAX_TOKENS</c> is
/// <c>length</c> (so it counts as truncated), every safety or policy filter is <c>content_filter</c>, as
/// OpenAI names a filtered answer; any other reason is the API's own, lowercased.
/// </summary>
internal static class GeminiFinishReasons
{
    /// <summary>The contract's name of <paramref name="reason"/>; null for <c>FINISH_REASON_UNSPECIFIED</c>, which says nothing.</summary>
    public static string? ToContract(ReadOnlySpan<byte> reason)
    {
        if (reason.SequenceEqual("STOP"u8))
        {
            return "stop";
        }

        if (reason.SequenceEqual("MAX_TOKENS"u8))
        {
            return "length";
        }

        if (IsContentFilter(reason))
        {
            return "content_filter";
        }

        return reason.IsEmpty || reason.SequenceEqual("FINISH_REASON_UNSPECIFIED"u8) ? null : Encoding.UTF8.GetString(reason).ToLowerInvariant();
    }

    /// <summary>The reasons whose answer a filter stopped (googleapis/python-genai <c>types.FinishReason</c>).</summary>
    private static bool IsContentFilter(ReadOnlySpan<byte> reason)
        => reason.SequenceEqual("SAFETY"u8) || reason.SequenceEqual("RECITATION"u8) || reason.SequenceEqual("BLOCKLIST"u8)
           || reason.SequenceEqual("PROHIBITED_CONTENT"u8) || reason.SequenceEqual("SPII"u8) || reason.SequenceEqual("IMAGE_SAFETY"u8)
           || reason.SequenceEqual("IMAGE_PROHIBITED_CONTENT"u8) || reason.SequenceEqual("IMAGE_RECITATION"u8);
}
