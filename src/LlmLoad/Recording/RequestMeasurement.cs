using System.Text;
using LlmLoad.Engine;
using LlmLoad.Pricing;
using LlmLoad.Providers;
using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Recording;

/// <summary>
/// One finished request turned into numbers, by the definitions in docs/metrics.md:
/// TTFT = first content (reasoning included) − sent; TTFO = first answer content − sent;
/// E2E = end − sent; TPOT = (last − first) / (output tokens − 1);
/// ITL per token: the gap before a chunk of k tokens counts as k samples of gap / k;
/// chunk gaps are the raw gaps between content events.
/// </summary>
internal sealed record RequestMeasurement(RequestRecord Record, double[] TokenLatenciesMs, double[] ChunkGapsMs)
{
    /// <summary>The stage the request was scheduled in; null without stages.</summary>
    public Stage? Stage { get; init; }

    /// <summary>What the engine released: the prompt plan the budget reserved for.</summary>
    public PromptPlan? Plan { get; init; }

    /// <summary>When the response ended, in milliseconds of run time.</summary>
    public double CompletedMs { get; init; }

    /// <param name="price">Prices the record (<see cref="RequestRecord.Cost"/>); null leaves it unpriced.</param>
    /// <param name="alwaysTokenize">
    /// Counts the output with the local tokenizer even when the server reported usage (<c>run --check</c>, to show
    /// the two side by side). A run does not: the server's count rules, and tokenizing every answer would cost CPU
    /// on the recorder and load a vocabulary (~50 MB) that a run against a server reporting usage never needs.
    /// </param>
    public static RequestMeasurement From(ScheduledRequest request, ResponseCapture capture, long runStartedAt, TimeProvider time, TokenCounter tokens, ModelPrice? price = null, bool alwaysTokenize = false)
    {
        double Ms(long from, long to) => time.GetElapsedTime(from, to).TotalMilliseconds;
        var chunks = capture.ChunkTimes.Count;
        var text = capture.Text.WrittenSpan;
        int? outputByTokenizer = capture.UsageOutputTokens is not null && !alwaysTokenize ? null
            : text.IsEmpty ? (capture.Succeeded ? 0 : null)
            : tokens.Count(Encoding.UTF8.GetString(text));
        var outputTokens = capture.UsageOutputTokens ?? outputByTokenizer;
        var chunkTokens = TokensPerChunk(capture, outputTokens, tokens);
        // With retries, latency counts from the first attempt's send: what the user waited.
        var history = capture.History;
        var firstSentAt = history?.FirstSentAt is > 0 and var first ? first : capture.SentAt;

        var record = new RequestRecord
        {
            Seq = request.Seq,
            Warmup = request.Warmup,
            Stage = request.Stage?.Name,
            Category = request.Request.Plan.Category,
            SessionId = request.Session?.Id,
            Turn = request.Session?.Turn,
            SessionTurns = request.Session?.Turns,
            ResponseId = capture.ResponseId,
            Status = capture.Status,
            Error = capture.Error,
            ErrorMessage = capture.ErrorMessage,
            ScheduledMs = Ms(runStartedAt, request.ScheduledAt),
            SentMs = Ms(runStartedAt, firstSentAt),
            TtftMs = chunks > 0 ? Ms(firstSentAt, capture.FirstContentAt) : null,
            TtfoMs = capture.FirstAnswerAt != 0 ? Ms(firstSentAt, capture.FirstAnswerAt) : null,
            E2eMs = Ms(firstSentAt, capture.EndAt),
            LastSentMs = Ms(runStartedAt, capture.SentAt),
            LastAttemptTtftMs = chunks > 0 ? Ms(capture.SentAt, capture.FirstContentAt) : null,
            LastAttemptE2eMs = Ms(capture.SentAt, capture.EndAt),
            Attempts = history is { Attempts.Count: > 0 } ? history.Attempts.Count : 1,
            AttemptStatuses = history is { Attempts.Count: > 0 } ? [.. history.Attempts.Select(a => a.Status)] : [capture.Status],
            AttemptTargets = history is { Attempts.Count: > 0 } ? [.. history.Attempts.Select(a => a.Target)] : [null],
            AttemptRetryAfterMs = history is { Attempts.Count: > 0 } ? [.. history.Attempts.Select(a => a.RetryAfterMs)] : [],
            RetryWaitMs = history?.RetryWaitMs ?? 0,
            Target = history?.Target,
            FailoverFrom = history?.FailoverFrom,
            TpotMs = chunks > 1 && outputTokens > 1 ? Ms(capture.FirstContentAt, capture.LastContentAt) / (outputTokens.Value - 1) : null,
            Chunks = chunks,
            // Without a 200 the server never took the prompt in: a refused or rate-limited request consumed no tokens.
            InputTokens = capture.UsageInputTokens ?? (capture.Status == 200 ? request.Request.Plan.InputTokens : null),
            OutputTokens = outputTokens,
            TokenSource = capture.UsageOutputTokens is null ? "tokenizer" : "usage",
            FinishReason = capture.FinishReason,
            CachedTokens = capture.UsageCachedTokens,
            ReasoningTokens = capture.UsageReasoningTokens,
            ReasoningChunks = capture.ReasoningChunks,
            MaxTokens = request.Request.Plan.MaxOutputTokens,
            Inputs = request.Request.Plan.Inputs,
            InputTokensTokenizer = request.Request.Plan.InputTokens,
            OutputTokensTokenizer = outputByTokenizer,
            RateLimit = capture.RateLimit,
            InFlightAtSend = capture.InFlightAtSend,
            RateLimitKind = capture.Refusal,
            HttpVersion = capture.HttpVersion,
        };

        var gaps = new double[Math.Max(0, chunks - 1)];
        var tokenLatencies = new double[chunkTokens.Skip(1).Sum()];
        var next = 0;
        for (var i = 1; i < chunks; i++)
        {
            gaps[i - 1] = Ms(capture.ChunkTimes[i - 1], capture.ChunkTimes[i]);
            var perToken = gaps[i - 1] / chunkTokens[i];
            for (var k = 0; k < chunkTokens[i]; k++)
            {
                tokenLatencies[next++] = perToken;
            }
        }

        if (price is not null)
        {
            record = record with { Cost = RequestCost.Of(price, record) };
        }

        return new RequestMeasurement(record, tokenLatencies, gaps)
        {
            Stage = request.Stage,
            Plan = request.Request.Plan,
            CompletedMs = Ms(runStartedAt, capture.EndAt),
        };
    }

    /// <summary>
    /// Tokens carried by each content chunk. When the output count equals the chunk count every chunk is
    /// one token (the usual case, and free); otherwise each chunk's text is tokenized on its own and, when
    /// the server reported its count, the chunks' shares are scaled to add up to it: a self-hosted model's
    /// vocabulary is rarely the local tokenizer's, and a server sending 4 tokens per chunk whose text the
    /// local tokenizer counts as 8 would otherwise halve every ITL sample.
    /// </summary>
    private static int[] TokensPerChunk(ResponseCapture capture, int? outputTokens, TokenCounter tokens)
    {
        var chunks = capture.ChunkTimes.Count;
        var counts = new int[chunks];
        if (outputTokens == chunks || (capture.UsageOutputTokens is { } fewer && fewer < chunks))
        {
            // A server counting fewer tokens than chunks cannot be split below one token a chunk.
            Array.Fill(counts, 1);
            return counts;
        }

        var text = capture.Text.WrittenSpan;
        var start = 0;
        for (var i = 0; i < chunks; i++)
        {
            var end = capture.ChunkTextEnds[i];
            counts[i] = Math.Max(1, tokens.Count(Encoding.UTF8.GetString(text[start..end])));
            start = end;
        }

        return capture.UsageOutputTokens is { } served ? TokenShares.Apportion(served, counts) : counts;
    }
}
