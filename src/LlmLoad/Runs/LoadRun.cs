using LlmLoad.Analysis;
using LlmLoad.Analysis.Server;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis.Stability;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Options;
using LlmLoad.Providers;
using LlmLoad.Providers.Transport;
using LlmLoad.Recording;
using LlmLoad.Reporting;
using LlmLoad.Routing;
using LlmLoad.Shared;
using LlmLoad.Telemetry;
using LlmLoad.Workload;

namespace LlmLoad.Runs;

/// <summary>
/// One load test from validated options to files on disk: wires the workload, engine, sender and
/// recorder together, runs them, and writes requests.jsonl (as it goes), timeseries.csv, report.html, junit.xml and summary.json
/// (at the end, also after an early stop). Should anything throw, every finished request is still in requests.jsonl.
/// </summary>
/// <param name="warmUpUrl">Where to send a few unrecorded requests first (a twin of the embedded simulator), or null for none.</param>
internal sealed class LoadRun(RunOptions options, Uri targetUrl, bool embeddedSimulator, Uri? warmUpUrl = null, TimeProvider? timeProvider = null)
{
    private const int WarmUpRequests = 3;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public LiveCounters Counters { get; } = new();

    /// <summary>A budget spent across several runs (find-limit's steps); null for the run's own, from its options.</summary>
    public BudgetGuard? SharedBudget { get; init; }

    /// <summary>The command's live metrics (Prometheus, OTLP), kept across find-limit's steps; null for none.</summary>
    public RunMetrics? LiveMetrics { get; init; }

    /// <summary>In a run of several targets (<see cref="RunOptions.Routing"/>): where each is reached, by name.</summary>
    public IReadOnlyDictionary<string, TargetEndpoint> Targets { get; init; } = new Dictionary<string, TargetEndpoint>();

    public async Task<RunReport> RunAsync(CancellationToken interrupt)
    {
        Directory.CreateDirectory(options.OutDir);
        var tokens = TokenCounter.ForEncoding(options.Tokenizer);
        var format = options.Format;
        using var http = LoadHttpClient.Create(options.Transport, targetUrl);
        var sender = new RequestSender(http, format, RunConnection.Settings(options, targetUrl, embeddedSimulator), _time);
        var budget = SharedBudget ?? BudgetGuard.For(options.Cost);
        using var routed = options.Routing is { } routing ? new RoutedTargets(options, routing, Targets, budget, _time) : null;
        IRequestExchange exchange = routed?.Exchange ?? (IRequestExchange)sender;
        if (options.Retry.Enabled)
        {
            exchange = new RetryingExchange(exchange, options.Retry, budget, _time, options.Seed);
        }
        var prompts = new PromptSource(options.Workload, options.Seed, tokens);

        if (warmUpUrl is not null)
        {
            var warmUp = new RequestSender(http, format, RunConnection.Settings(options, warmUpUrl, embeddedSimulator), _time);
            await WarmUpAsync(warmUp, format.BuildBody(options.Model, [new ChatTurn("user", "Warm up.")], 2, options.Stream)).ConfigureAwait(false);
        }

        var scrapeUrls = await ServerMetricsUrlsAsync(options.ServerMetrics, targetUrl).ConfigureAwait(false);
        var preconnected = routed is null
            ? await Preconnect.OpenAsync(http, format, RunConnection.Settings(options, targetUrl, embeddedSimulator), sender.Endpoint, Preconnect.Connections(options.Load, options.Transport), interrupt).ConfigureAwait(false)
            : 0;
        await WaitForStartAsync(interrupt).ConfigureAwait(false);
        var clientAtStart = ClientHealth.Baseline.Read();
        var startedAtUtc = _time.GetUtcNow();
        var startedAt = _time.GetTimestamp();
        var startupSeconds = ClientHealth.SecondsSinceProcessStart();
        if (routed is not null)
        {
            routed.Exchange.RunStartedAt = startedAt;
            foreach (var (outage, url) in routed.ServerSideOutages)
            {
                await SimulatorFaults.AddAsync(http, url, outage, _time.GetElapsedTime(startedAt), options.Timeout).ConfigureAwait(false);
            }
        }
        using var log = new RequestLog(options.OutDir);
        LiveMetrics?.Watch(Counters);
        var live = LiveMetrics is null ? null : new TelemetrySink(LiveMetrics, new RequestLabels(options.Provider, options.Model, targetUrl));
        using var sinks = new RunSinks(options, log, Counters, budget, live);
        var recorder = new RunRecorder(sinks.All, tokens, _time, startedAt, options.Cost.Price);
        var executor = new HttpRequestExecutor(prompts, format, options.Model, options.Stream, exchange, recorder);
        if (options.Workload.Sessions is { } sessions)
        {
            executor.UseSessions(sessions, options.Seed, Counters, budget, _time, options.Load.Segment);
        }

        var engine = new LoadEngine(options.Load, executor, Counters, _time, budget);
        await using var scraper = scrapeUrls.Count == 0 ? null : new ServerMetricsScraper(options.ServerMetrics with { Urls = scrapeUrls }, options.OutDir, _time, startedAt);
        scraper?.Start();

        EngineResult result;
        try
        {
            result = await engine.RunAsync(startedAt, interrupt, sinks.StopTriggers).ConfigureAwait(false);
        }
        finally
        {
            // Whatever happened, what finished is recorded before anything else is decided.
            await recorder.CompleteAsync().ConfigureAwait(false);
        }

        var serverResult = scraper is null ? null : await scraper.StopAsync().ConfigureAwait(false);
        var stats = sinks.Statistics;
        var rows = sinks.TimeSeries.Rows();
        var server = serverResult is null ? null : Server(serverResult, rows, stats, sinks.Stages?.Stages ?? []);
        var wallSeconds = _time.GetElapsedTime(startedAt).TotalSeconds;
        var client = ClientHealth.Measure(wallSeconds, clientAtStart) with { StartupSeconds = startupSeconds, Preconnected = preconnected };
        var outcome = budget is null ? null : BudgetOutcome.Of(budget);
        IReadOnlyList<string> warnings = [.. RunWarnings.For(stats, result, options.Load, client), .. BudgetWarnings(outcome), .. WorkloadWarnings(options.Workload, stats), .. server?.Warnings() ?? [],
            .. StabilityWarnings.For(sinks.Latencies.All, [.. sinks.Stages?.Stages.Select(s => s.Stage) ?? []], options.Load.Stages is null && options.Load.Trace is null, serverResult)];
        var report = new RunReport(options, targetUrl, embeddedSimulator, startedAtUtc, wallSeconds, result, stats, client,
            warnings, options.OutDir, rows, sinks.Breaker?.Trip, sinks.Stages?.Stages ?? [], sinks.SloWatch?.Abort, outcome, sinks.Categories.Categories,
            options.Workload.Sessions is null ? null : sinks.Actions, server, sinks.Targets, [.. sinks.Drills.Select(d => d.Report())], Segment(startedAtUtc));
        foreach (var exporter in ResultFiles.All)
        {
            exporter.Export(report);
        }

        return report;
    }

    /// <summary>
    /// The /metrics URLs to scrape: those given, else, for a target on loopback (the embedded simulator, a local vLLM),
    /// its own /metrics when it answers with names llmload knows within a second. Asked before the clock starts.
    /// </summary>
    private static async Task<IReadOnlyList<Uri>> ServerMetricsUrlsAsync(ServerScrapeSettings settings, Uri targetUrl)
    {
        if (settings.Urls.Count > 0 || !settings.Automatic || !targetUrl.IsLoopback)
        {
            return settings.Urls;
        }

        var own = new Uri(targetUrl, "/metrics");
        return await ServerMetricsScraper.AnswersKnownMetricsAsync(own, TimeSpan.FromSeconds(1)).ConfigureAwait(false) ? [own] : [];
    }

    private ServerSummary Server(ServerMetricsResult result, IReadOnlyList<TimeSeriesRow> rows, RunStatistics stats, IReadOnlyList<StageStatistics> stages)
    {
        var ttft = stats.Latency(LatencyMetric.Ttft);
        var level = options.Load.Rate is { } rate && double.IsFinite(rate) ? rate : (double?)options.Load.Concurrency;
        var scaling = ScalingTriggers.Find(result, rows, stages, options.Slos, level, stats.Measured > 0 ? stats.LastSentMs / 1000 : null);
        return ServerSummary.Build(result, rows, ttft.Count > 0 ? ttft.Mean : null, scaling);
    }

    /// <summary>
    /// <c>--start-at</c>: sleeps until the agreed time by this machine's clock, so that segments on several machines
    /// start together (as well as their clocks agree). A time already past starts at once; the CLI refuses one long past.
    /// </summary>
    private async Task WaitForStartAsync(CancellationToken interrupt)
    {
        if (options.StartAt is not { } at)
        {
            return;
        }

        var wait = at - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, interrupt).ConfigureAwait(false);
        }
    }

    /// <summary>summary.json's segment facts: only for a run started with --segment or --start-at.</summary>
    private SegmentFacts? Segment(DateTimeOffset startedAtUtc)
        => options.Load.Segment.IsWhole && options.StartAt is null
            ? null
            : new SegmentFacts(options.Load.Segment, options.StartAt, options.StartAt is { } at ? (startedAtUtc - at).TotalMilliseconds : null, ClockSync.Read(),
                options.Cost.BudgetUsd is { } share ? share * options.Load.Segment.Count : null);

    /// <summary>A corpus far smaller than the run (a prefix cache then answers repeats), and corpus lines skipped.</summary>
    private static IEnumerable<string> WorkloadWarnings(WorkloadSpec workload, RunStatistics stats)
    {
        if (workload.Corpus is not { } corpus)
        {
            yield break;
        }

        if (stats.Total > 10 * corpus.Entries.Count)
        {
            yield return $"the run sent {stats.Total} requests from a corpus of {corpus.Entries.Count} prompts: each was sent about {stats.Total / corpus.Entries.Count} times, and a server's prefix cache answers repeats faster than new prompts; use a larger corpus or a mix with synthetic categories";
        }

        if (corpus.SkippedLines > 0)
        {
            yield return $"{corpus.SkippedLines} bad corpus line{(corpus.SkippedLines == 1 ? " was" : "s were")} skipped (--skip-bad-lines), e.g. {string.Join("; ", corpus.SkippedExamples.Take(3))}";
        }
    }

    private static IEnumerable<string> BudgetWarnings(BudgetOutcome? outcome)
    {
        if (outcome is { Overruns: > 0 })
        {
            yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{outcome.Overruns} request(s) cost more than the budget reserved for them: the server counted their prompt beyond {WorstCase.InputFactor}x the local tokenizer's count + {WorstCase.InputOverheadTokens} tokens, so the cap held only approximately");
        }
    }

    /// <summary>
    /// A few unrecorded requests before the clock starts, so that the start-up of llmload's own
    /// embedded server and client code (JIT) does not show up as the target's latency. Only for the
    /// embedded simulator: against a real API every request costs money.
    /// </summary>
    private static async Task WarmUpAsync(RequestSender sender, byte[] body)
    {
        for (var i = 0; i < WarmUpRequests; i++)
        {
            await sender.SendAsync(body, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
