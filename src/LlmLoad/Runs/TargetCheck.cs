using System.Globalization;
using System.Text;
using LlmLoad.Engine;
using LlmLoad.Options;
using LlmLoad.Providers;
using LlmLoad.Providers.Transport;
using LlmLoad.Recording;
using LlmLoad.Workload;

namespace LlmLoad.Runs;

/// <summary>
/// <c>run --check</c>: one request, the workload's first, sent and read exactly as the run would, then shown
/// whole, so that a wrong URL, key, template or response path is found with one request instead of a run of
/// failures (or of silent zero-token successes). Nothing is written to disk.
/// </summary>
internal sealed class TargetCheck(RunOptions options, Uri targetUrl, bool embeddedSimulator)
{
    private const int BodyShown = 600;
    private const int TextShown = 200;

    /// <summary>Headers whose values are protocol facts, shown; every other value may be a credential and is not.</summary>
    private static readonly HashSet<string> PlainHeaders = new(StringComparer.OrdinalIgnoreCase) { "Content-Type", "Accept", "anthropic-version", "anthropic-beta", "User-Agent" };

    public async Task<TargetCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var tokens = TokenCounter.ForEncoding(options.Tokenizer);
        using var http = LoadHttpClient.Create(options.Transport, targetUrl);
        var sender = new RequestSender(http, options.Format, RunConnection.Settings(options, targetUrl, embeddedSimulator), time);
        var plan = new PromptSource(options.Workload, options.Seed, tokens).Create(0);
        var body = options.Format.BuildBody(options.Model, plan.Turns, plan.MaxOutputTokens, options.Stream, 0);

        using var described = sender.CreateRequest(body);
        var headers = described.Headers.Concat(described.Content!.Headers)
            .Select(h => $"{h.Key}: {(PlainHeaders.Contains(h.Key) ? string.Join(", ", h.Value) : "***")}")
            .ToList();

        var startedAt = time.GetTimestamp();
        var capture = await sender.SendAsync(body, cancellationToken).ConfigureAwait(false);
        var scheduled = new ScheduledRequest(0, Warmup: false, startedAt, new PreparedRequest(plan, body));
        var record = RequestMeasurement.From(scheduled, capture, startedAt, time, tokens, alwaysTokenize: true).Record;
        var text = Encoding.UTF8.GetString(capture.Text.WrittenSpan);

        return new TargetCheckResult(
            $"{described.Method} {described.RequestUri} (HTTP/{described.Version}{(options.Transport.Http2 ? " asked" : "")})",
            headers,
            Shorten(Encoding.UTF8.GetString(body), BodyShown, $"{body.Length} bytes"),
            record,
            Shorten(text, TextShown, $"{text.Length} characters"),
            [.. Problems(record, text)],
            [.. Notes(record)]);
    }

    /// <summary>What makes the run's numbers wrong or empty: a failure, or a success with nothing in it.</summary>
    private IEnumerable<string> Problems(RequestRecord record, string text)
    {
        if (record.Error is { } error)
        {
            yield return $"{error.ToWireName()}: {record.ErrorMessage}";
        }
        else if (text.Length == 0 && record.OutputTokens is null or 0)
        {
            yield return options.Provider == "http"
                ? "the answer carried no text: check target.response.text (and the framing) against what the app sends"
                : "the answer carried no text";
        }
    }

    /// <summary>What the run will do differently from what the user may expect.</summary>
    private IEnumerable<string> Notes(RequestRecord record)
    {
        if (record.Error is not null)
        {
            yield break;
        }

        if (record.TokenSource == "tokenizer")
        {
            yield return $"the server reported no usage: token counts (and ITL per token) come from the local {options.Tokenizer} tokenizer";
        }
        else if (record.OutputTokensTokenizer is { } local and > 0 && record.OutputTokens is { } served
            && Math.Abs(served - local) > 0.2 * Math.Max(served, local))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"the server counted {served} output tokens where the local {options.Tokenizer} tokenizer counts {local}: the server's counts are used");
        }

        if (options.Stream && record.Chunks <= 1 && record.OutputTokens > 1)
        {
            yield return "streaming was asked for but the answer came in one piece: TTFT equals E2E (is the server buffering, or does the format need --no-stream?)";
        }

        if (record.FinishReason is null)
        {
            yield return "the answer said no finish reason: truncation by max tokens cannot be told from a normal end";
        }
    }

    private static string Shorten(string text, int limit, string whole)
        => text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), $"… ({whole})");
}
