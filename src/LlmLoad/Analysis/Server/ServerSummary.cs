using System.Globalization;

namespace LlmLoad.Analysis.Server;

/// <summary>
/// What the server showed over a run, next to what the client measured: per window (timeseries.csv), per series
/// (summary.json <c>server</c>), and the figures only the two together give: the batch size continuous batching
/// achieved, and how much of TTFT was queue wait.
/// </summary>
/// <param name="Windows">One per timeseries.csv row, in the same order.</param>
/// <param name="QueueShareOfTtft">The server's mean queue time over the client's mean TTFT; null without either.</param>
internal sealed record ServerSummary(
    ServerMetricsResult Result,
    IReadOnlyList<ServerWindow> Windows,
    double? BatchSizeAchieved,
    HistogramSnapshot? QueueTime,
    double? QueueShareOfTtft,
    double? PrefixCacheHitRate,
    ScalingTriggers Scaling)
{
    public static ServerSummary Build(ServerMetricsResult result, IReadOnlyList<TimeSeriesRow> rows, double? clientTtftMeanMs, ScalingTriggers scaling)
    {
        var queue = result.QueueTime;
        var queueMeanMs = queue?.Mean * 1000;
        var share = queueMeanMs is { } q && clientTtftMeanMs is > 0 ? q / clientTtftMeanMs : null;
        return new ServerSummary(result, [.. rows.Select(r => result.Window(r.StartSeconds, r.EndSeconds))], result.MeanRunning, queue, share, HitRate(result), scaling)
        {
            RejectionRateWhenQueueFull = RejectionRate(result, rows),
        };
    }

    /// <summary>
    /// Of the requests sent in the windows where the server refused some for a full queue, the share it refused;
    /// null when no endpoint counts refusals or none was refused. Approximate at a window's edge: the server's counter is
    /// read once per scrape, so a refusal can land in the window after the one where the client saw it.
    /// </summary>
    public double? RejectionRateWhenQueueFull { get; init; }

    private static double? RejectionRate(ServerMetricsResult result, IReadOnlyList<TimeSeriesRow> rows)
    {
        double refused = 0;
        long sent = 0;
        foreach (var row in rows)
        {
            if (result.IncreaseBetween(ServerQuantity.Rejections, row.StartSeconds, row.EndSeconds) is > 0 and var growth)
            {
                refused += growth;
                sent += row.Window.Sent;
            }
        }

        return refused > 0 && sent > 0 ? Math.Min(1, refused / sent) : null;
    }

    /// <summary>Queue wait above this share of TTFT says the wait for a batch slot, not prefill, makes the TTFT.</summary>
    public const double QueueShareWarning = 0.5;

    /// <summary>
    /// One warning per endpoint that failed, with its URL, how often and the first reason; one per endpoint that
    /// restarted; and one when most of TTFT was queue wait.
    /// </summary>
    public IEnumerable<string> Warnings()
    {
        if (QueueShareOfTtft is { } share && share > QueueShareWarning && QueueTime?.Mean is { } queueSeconds)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"queue wait hidden in TTFT: the server's queue time (mean {queueSeconds * 1000:0} ms over {QueueTime.Count:0} requests) was {share * 100:0}% of the client's mean TTFT ({queueSeconds * 1000 / share:0} ms): requests waited for a batch slot, not for prefill; more replicas or a larger batch cut that wait, a faster model would not");
        }

        foreach (var endpoint in Result.Endpoints)
        {
            if (endpoint.Failures > 0)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"server metrics {endpoint.Url}: {endpoint.Failures} of {endpoint.Scrapes} scrapes failed (first: {endpoint.FirstFailure}); the requests were not delayed, but the server's figures have gaps");
            }

            if (endpoint.Resets > 0)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"server metrics {endpoint.Url}: the counters went down {endpoint.Resets} time(s): the server restarted during the run; growth is counted from each restart");
            }
        }
    }

    private static double? HitRate(ServerMetricsResult result)
    {
        double queries = 0, hits = 0;
        foreach (var endpoint in result.Endpoints)
        {
            var readings = endpoint.Readings.Where(r => r[ServerQuantity.PrefixCacheQueries] is not null && r[ServerQuantity.PrefixCacheHits] is not null).ToList();
            if (readings.Count >= 2)
            {
                queries += readings[^1][ServerQuantity.PrefixCacheQueries]!.Value - readings[0][ServerQuantity.PrefixCacheQueries]!.Value;
                hits += readings[^1][ServerQuantity.PrefixCacheHits]!.Value - readings[0][ServerQuantity.PrefixCacheHits]!.Value;
            }
        }

        return queries > 0 ? hits / queries : null;
    }
}
