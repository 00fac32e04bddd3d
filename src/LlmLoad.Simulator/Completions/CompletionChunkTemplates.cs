using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Completions;

/// <summary>
/// The SSE events of one streamed legacy completion as ready-made bytes, encoded once per request like
/// the chat chunks (<see cref="ChunkTemplates"/>): <c>object:"text_completion"</c>, each choice's
/// <c>text</c>, a last choice with empty text and the finish reason, then the usage chunk when asked for.
/// As on OpenAI, every chunk carries <c>"usage":null</c> only when <c>include_usage</c> asked for usage.
/// </summary>
internal sealed class CompletionChunkTemplates
{
    private readonly string _head;
    private readonly string _tail;

    public CompletionChunkTemplates(CompletionPlan plan, bool includeUsage)
    {
        var model = JsonEncodedText.Encode(plan.Model, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _head = string.Create(
            CultureInfo.InvariantCulture,
            $$"""data: {"id":"{{plan.Id}}","object":"text_completion","created":{{plan.Created}},"model":"{{model}}","system_fingerprint":"fp_llmload","choices":[""");
        _tail = includeUsage ? "],\"usage\":null}\n\n" : "]}\n\n";
        TextPrefix = Encoding.UTF8.GetBytes(_head + "{\"text\":\"");
        TextSuffix = Encoding.UTF8.GetBytes("\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}" + _tail);
    }

    /// <summary>Head up to the opening quote of the choice's <c>text</c>; the word and <see cref="TextSuffix"/> follow.</summary>
    public byte[] TextPrefix { get; }

    public byte[] TextSuffix { get; }

    public byte[] Finish(string finishReason) => Encoding.UTF8.GetBytes(_head + $$"""{"text":"","index":0,"logprobs":null,"finish_reason":"{{finishReason}}"}""" + _tail);

    /// <summary>The extra chunk <c>stream_options.include_usage</c> asks for: no choices, full usage.</summary>
    public byte[] Usage(CompletionPlan plan)
        => Encoding.UTF8.GetBytes(_head + $"],\"usage\":{UsageJson.Format(plan.PromptTokens, plan.CompletionTokens, plan.CachedPromptTokens)}}}\n\n");
}
