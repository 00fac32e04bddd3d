namespace LlmLoad.Analysis;

/// <summary>
/// How the run used the limits it was told about, from the time series' last-minute usage and the refusals: the peak
/// share of each limit, what the last minute held when the first 429 came, and the request rate the limits allow for
/// this workload's tokens per request (the article's point: with a token limit the rate depends on prompt and answer
/// sizes). docs/metrics.md, "Rate limits".
/// </summary>
internal sealed record RateLimitUsage
{
    public double? PeakRequestsShare { get; init; }

    public double? PeakTokensShare { get; init; }

    public double? PeakInputTokensShare { get; init; }

    public double? PeakOutputTokensShare { get; init; }

    /// <summary>The end of the window where the highest share of any limit was reached, in seconds since the start.</summary>
    public double? PeakAtSeconds { get; init; }

    public double? FirstRefusalSeconds { get; init; }

    /// <summary>Admitted requests and their tokens in the minute before the first 429.</summary>
    public LastMinuteUsage? AtFirstRefusal { get; init; }

    public double? InputTokensPerRequest { get; init; }

    public double? OutputTokensPerRequest { get; init; }

    public double? TokensPerRequest => InputTokensPerRequest + OutputTokensPerRequest;

    /// <summary>Requests per minute each announced limit allows at this workload's mean tokens per request (name → rate).</summary>
    public IReadOnlyList<(string Limit, double RequestsPerMinute)> AllowedBy { get; init; } = [];

    /// <summary>The lowest of <see cref="AllowedBy"/>: the request rate the limits allow this workload; null without limits.</summary>
    public double? EffectiveRequestsPerMinute => AllowedBy.Count == 0 ? null : AllowedBy.Min(a => a.RequestsPerMinute);

    /// <summary>Which limit binds: the one giving <see cref="EffectiveRequestsPerMinute"/>.</summary>
    public string? BindingLimit => AllowedBy.Count == 0 ? null : AllowedBy.MinBy(a => a.RequestsPerMinute).Limit;

    public static RateLimitUsage From(RateLimitSummary limits, IReadOnlyList<TimeSeriesRow> rows)
    {
        var (requests, tokens, input, output) = (limits.LimitRequests, limits.LimitTokens, limits.InputTokens.Limit, limits.OutputTokens.Limit);
        // Anthropic's combined token limit is "the most restrictive" of input and output: with those apart, it says nothing more.
        if (input is not null || output is not null)
        {
            tokens = null;
        }

        double? peak = null, peakAt = null, peakRequests = null, peakTokens = null, peakInput = null, peakOutput = null;
        foreach (var row in rows)
        {
            var minute = row.LastMinute;
            peakRequests = Max(peakRequests, LastMinuteUsage.Share(minute.Requests, requests));
            peakTokens = Max(peakTokens, LastMinuteUsage.Share(minute.Tokens, tokens));
            peakInput = Max(peakInput, LastMinuteUsage.Share(minute.InputTokens, input));
            peakOutput = Max(peakOutput, LastMinuteUsage.Share(minute.OutputTokens, output));
            var highest = Max(Max(peakRequests, peakTokens), Max(peakInput, peakOutput));
            if (highest > (peak ?? double.MinValue))
            {
                (peak, peakAt) = (highest, row.EndSeconds);
            }
        }

        LastMinuteUsage? atFirst = null;
        if (limits.FirstRefusalMs is { } firstMs)
        {
            var seconds = firstMs / 1000;
            atFirst = rows.FirstOrDefault(r => seconds >= r.StartSeconds && seconds < r.EndSeconds)?.LastMinute ?? (rows.Count > 0 ? rows[^1].LastMinute : null);
        }

        double? inputPerRequest = limits.Admitted > 0 ? (double)limits.AdmittedInputTokens / limits.Admitted : null;
        double? outputPerRequest = limits.Admitted > 0 ? (double)limits.AdmittedOutputTokens / limits.Admitted : null;
        var allowed = new List<(string, double)>();
        Allow(allowed, "requests", requests, 1);
        Allow(allowed, "tokens", tokens, inputPerRequest + outputPerRequest);
        Allow(allowed, "input_tokens", input, inputPerRequest);
        Allow(allowed, "output_tokens", output, outputPerRequest);
        return new RateLimitUsage
        {
            PeakRequestsShare = peakRequests,
            PeakTokensShare = peakTokens,
            PeakInputTokensShare = peakInput,
            PeakOutputTokensShare = peakOutput,
            PeakAtSeconds = peakAt,
            FirstRefusalSeconds = limits.FirstRefusalMs / 1000,
            AtFirstRefusal = atFirst,
            InputTokensPerRequest = inputPerRequest,
            OutputTokensPerRequest = outputPerRequest,
            AllowedBy = allowed,
        };
    }

    private static void Allow(List<(string, double)> allowed, string name, long? limit, double? perRequest)
    {
        if (limit is { } l && perRequest is > 0)
        {
            allowed.Add((name, l / perRequest.Value));
        }
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
