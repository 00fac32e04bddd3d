using System.Globalization;
using LlmLoad.Analysis;

namespace LlmLoad.Reporting;

/// <summary>
/// timeseries.csv's rate-limit columns (docs/metrics.md, "Time series"): what the run took from each per-minute limit in
/// the minute ending at the window's end, the limit in force (the last one announced so far), the lowest remaining count
/// the window's responses carried, the share of the limit used, and the window's sends refused for concurrency.
/// Empty cells where no header said. One instance per file: it carries the limits from window to window.
/// </summary>
internal sealed class RateLimitColumns
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "rpm_used", "tpm_used", "input_tpm_used", "output_tpm_used",
        "limit_requests", "remaining_requests", "limit_tokens", "remaining_tokens",
        "limit_input_tokens", "remaining_input_tokens", "limit_output_tokens", "remaining_output_tokens",
        "rpm_utilization", "tpm_utilization", "refused_concurrency",
    ];

    private long? _requests;
    private long? _tokens;
    private long? _input;
    private long? _output;

    public void AddCells(List<string> cells, TimeSeriesRow row)
    {
        var minute = row.LastMinute;
        var window = row.Window.RateLimit;
        _requests = window.AnnouncedRequests.Limit ?? _requests;
        _tokens = window.AnnouncedTokens.Limit ?? _tokens;
        _input = window.AnnouncedInputTokens.Limit ?? _input;
        _output = window.AnnouncedOutputTokens.Limit ?? _output;
        cells.AddRange([Count(minute.Requests), Count(minute.Tokens), Count(minute.InputTokens), Count(minute.OutputTokens)]);
        cells.AddRange([Count(_requests), Count(window.AnnouncedRequests.MinRemaining), Count(_tokens), Count(window.AnnouncedTokens.MinRemaining)]);
        cells.AddRange([Count(_input), Count(window.AnnouncedInputTokens.MinRemaining), Count(_output), Count(window.AnnouncedOutputTokens.MinRemaining)]);
        cells.Add(Share(LastMinuteUsage.Share(minute.Requests, _requests)));
        cells.Add(Share(TokenShare(minute)));
        cells.Add(Count(window.ConcurrencyRefused));
    }

    /// <summary>The most used token limit: Anthropic's input and output apart when announced (its combined one is derived from them), else the one.</summary>
    private double? TokenShare(LastMinuteUsage minute)
    {
        var input = LastMinuteUsage.Share(minute.InputTokens, _input);
        var output = LastMinuteUsage.Share(minute.OutputTokens, _output);
        if (input is null && output is null)
        {
            return LastMinuteUsage.Share(minute.Tokens, _tokens);
        }

        return Math.Max(input ?? 0, output ?? 0);
    }

    private static string Share(double? share) => share is { } s ? TimeSeriesCsv.Number(s) : "";

    private static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
