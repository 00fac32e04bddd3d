using LlmLoad.Analysis;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Options;
using LlmLoad.Recording;
using LlmLoad.Reporting;
using LlmLoad.Runs;
using LlmLoad.Shared;
using LlmLoad.Traffic;

namespace LlmLoad.Distributed;

/// <summary>
/// <c>llmload merge DIR… --out DIR</c>: the N segments of one run added up into the results one process would have
/// written. requests.jsonl is the segments' records in scheduled order; the counters, tokens, cost, stages, categories
/// and time series are recomputed from those records by the run's own sinks; the run-wide latency distributions are the
/// sums of the segments' HDR histograms (exact: HDR histograms add), so percentiles, per-token ITL included, are what one
/// machine would report. summary.json and timeseries.csv are written by the run's own exporters.
/// </summary>
internal static class RunMerge
{
    /// <summary>Merges, or returns null with every problem (which inputs differ, and how) in <paramref name="errors"/>.</summary>
    public static RunReport? Merge(IReadOnlyList<string> directories, string outDir, List<string> errors)
    {
        var parts = directories.Select(d => SegmentResults.Read(d, errors)).ToList();
        if (errors.Count > 0)
        {
            return null;
        }

        var segments = parts.OfType<SegmentResults>().OrderBy(p => p.Manifest.Segment.Index).ToList();
        errors.AddRange(SegmentCheck.Problems(segments));
        if (errors.Count > 0)
        {
            return null;
        }

        var manifest = segments[0].Manifest;
        var flags = manifest.Flags();
        flags.Set("out", new Setting(outDir, "--out"));
        // The whole run, even if the scenario file names a segment (traffic.segment): its full budget, all its requests.
        flags.Set("segment", new Setting("1/1", "--segment"));
        var options = RunOptionsBuilder.FromScenario(manifest.ScenarioPath, flags, errors, () => DateTimeOffset.UtcNow);
        if (options is null)
        {
            return null;
        }

        List<RequestRecord> records;
        Dictionary<LatencyMetric, LatencyHistogram> histograms;
        try
        {
            records = [.. segments.SelectMany(p => RequestLogReader.Read(p.RequestsPath))];
            histograms = AddHistograms(segments);
        }
        catch (FormatException ex)
        {
            errors.Add(ex.Message);
            return null;
        }

        if (records.GroupBy(r => r.Seq).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add($"request seq {twice.Key} is in more than one segment: these are not disjoint shares of one run");
            return null;
        }

        return Write(options, segments, records, histograms);
    }

    private static RunReport Write(RunOptions options, List<SegmentResults> segments, List<RequestRecord> records, Dictionary<LatencyMetric, LatencyHistogram> histograms)
    {
        Directory.CreateDirectory(options.OutDir);
        var price = options.Cost.Price;
        var priced = records.Select(r => price is null ? r : r with { Cost = RequestCost.Of(price, r) }).ToList();
        using var log = new RequestLog(options.OutDir);
        foreach (var record in priced.OrderBy(r => r.ScheduledMs).ThenBy(r => r.Seq))
        {
            log.Append(record);
        }

        log.Flush();

        // The sinks see the requests in completion order, as a run's do: the time series closes its windows by it.
        using var sinks = new RunSinks(options, log, new LiveCounters(), budget: null);
        var consumers = sinks.All.Where(s => !ReferenceEquals(s, log)).ToList();
        foreach (var record in priced.OrderBy(r => r.SentMs + (r.E2eMs ?? 0)))
        {
            var measurement = new RequestMeasurement(record, [], [])
            {
                Stage = options.Load.StageAt(TimeSpan.FromMilliseconds(record.ScheduledMs)),
                CompletedMs = record.SentMs + (record.E2eMs ?? 0),
            };
            consumers.ForEach(c => c.OnRecord(measurement));
        }

        consumers.ForEach(c => c.Complete());
        foreach (var (metric, merged) in histograms)
        {
            sinks.Statistics.ReplaceLatency(metric, merged);
        }

        var start = segments.Min(p => p.StartedAtUtc);
        var duration = segments.Max(p => (p.StartedAtUtc - start).TotalSeconds + p.DurationSeconds);
        var stopped = segments.Select(p => Enum.TryParse<StopReason>(p.StoppedBy, ignoreCase: true, out var r) ? r : StopReason.Completed).ToList();
        var engine = new EngineResult(stopped.FirstOrDefault(r => r.IsEarlyStop(), stopped[0]), 0, 0, records.Count, segments.Sum(p => p.Dropped));
        var stats = sinks.Statistics;
        var budget = options.Cost.BudgetUsd is { } cap
            ? new BudgetOutcome(cap, stats.Cost.TotalUsd + stats.WarmupCost.TotalUsd, stopped.Contains(StopReason.Budget), 0, 0)
            : null;
        var count = segments[0].Manifest.Segment.Count;
        var facts = new SegmentFacts(ExecutionSegment.Whole, segments[0].StartAt, null, null, options.Cost.BudgetUsd)
        {
            Merged = [.. segments.Select(p => new SegmentFacts(p.Manifest.Segment, p.StartAt, p.StartSkewMs, null, options.Cost.BudgetUsd))],
        };
        IReadOnlyList<string> warnings =
        [
            $"merged from {count} segments: run-wide latency percentiles are their added HDR histograms; per-window (timeseries.csv), per-stage and per-category ITL and chunk gaps are not in requests.jsonl and are left out",
            .. options.Cost.BudgetUsd is { } whole ? [$"the budget {Usd.Format(whole)} was split: each of the {count} segments could spend {Usd.Format(whole / count)}"] : Array.Empty<string>(),
            .. segments.SelectMany(p => p.Warnings.Select(w => $"segment {p.Manifest.Segment}: {w}")),
        ];
        var client = new ClientHealth(0, duration, 0, 0, 0, 0, 0);
        var report = new RunReport(options, new Uri(segments[0].TargetUrl), options.Url is null, start, duration, engine, stats, client,
            warnings, options.OutDir, sinks.TimeSeries.Rows(), null, sinks.Stages?.Stages ?? [], null, budget, sinks.Categories.Categories,
            options.Workload.Sessions is null ? null : sinks.Actions, Segment: facts);
        foreach (var exporter in ResultFiles.All)
        {
            exporter.Export(report);
        }

        return report;
    }

    private static Dictionary<LatencyMetric, LatencyHistogram> AddHistograms(List<SegmentResults> segments)
    {
        var sums = LatencyMetricNames.All.ToDictionary(m => m, _ => new LatencyHistogram());
        foreach (var part in segments)
        {
            var read = HistogramLogFile.Read(part.HistogramsPath);
            var absent = LatencyMetricNames.All.Where(m => !read.ContainsKey(m)).ToList();
            if (absent.Count > 0)
            {
                throw new FormatException($"{part.HistogramsPath}: no histogram for {string.Join(", ", absent.Select(m => m.ToWireName()))}");
            }

            foreach (var (metric, histogram) in read)
            {
                sums[metric].Add(histogram);
            }
        }

        return sums;
    }
}
