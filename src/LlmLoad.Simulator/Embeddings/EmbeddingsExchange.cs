using System.Buffers;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Serving.PrefixCaching;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Embeddings;

/// <summary>
/// An embeddings request and how OpenAI answers it: the rate-limit headers, 429s and error envelope of its other
/// APIs (<see cref="OpenAiAdmission"/>), and one JSON list of vectors, never a stream. An embedding is a forward
/// pass over the inputs and nothing more: the engine serves it as a request whose one "token" is due when the
/// prompt is prefilled (queue wait + the base overhead + the inputs' prefill at the profile's speed), and the
/// body then carries the vectors instead of that token.
/// </summary>
internal sealed class EmbeddingsExchange(EmbeddingsRequest request, int seed) : IOpenAiExchange
{
    public string Model => request.Model;

    public int PromptTokens => request.PromptTokens;

    /// <summary>Embeddings bypass the prefix cache: every input is computed in full.</summary>
    public PromptPrefix? Prefix => null;

    /// <summary>The one step the engine times: the end of the prefill, when the vectors are ready.</summary>
    public int OutputTokens => 1;

    public bool Stream => false;

    public string FinishedReason => "stop";

    /// <summary>An embeddings answer has no id; the engine's plan still names one, which the body leaves out.</summary>
    public string IdPrefix => "emb-";

    /// <summary>What a 200 body carries when the server fails part-way: OpenAI's error envelope.</summary>
    public ReadOnlyMemory<byte> ErrorEvent { get; } =
        "data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"u8.ToArray();

    /// <summary>Never sent (embeddings do not stream); a malformed-chunk fault cuts the body in half instead.</summary>
    public ReadOnlyMemory<byte> MalformedEvent { get; } = "data: {\"object\":\"list\",\"data\":[\n\n"u8.ToArray();

    /// <summary>Embeddings consume input tokens only: nothing is reserved for output.</summary>
    public RateLimitDecision AdmitRateLimits(RateLimiter limiter) => limiter.AdmitOpenAi(PromptTokens, 0);

    public Task WriteContextTooLongAsync(HttpContext context, long requested, long capacity, CancellationToken cancellationToken)
        => ApiError.BadRequest(
            $"The inputs of this request need {requested} tokens of the server's {capacity}-token cache. Please send fewer or shorter inputs.",
            "input",
            "context_length_exceeded").WriteAsync(context.Response, cancellationToken);

    /// <summary>Not called: <see cref="Stream"/> is false, so the engine sends the body whole.</summary>
    public Task<ResponseTimeline?> StreamAsync(HttpContext context, ResponseGenerator generator, CancellationToken cancellationToken)
        => BufferedSend.SendAsync(context, this, generator, cancellationToken);

    public ArrayBufferWriter<byte> BufferedBody(CompletionPlan plan, ReadOnlySpan<byte> text) => EmbeddingsBody.Build(request, plan, seed);
}
