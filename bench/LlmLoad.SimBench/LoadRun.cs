using System.Diagnostics;
using System.Text;

namespace LlmLoad.SimBench;

/// <summary>
/// Runs the closed loop: N streams for the duration, counters and the send-lag histogram read at the end of
/// warm-up and at the end of sending (the window), then a bounded drain.
/// </summary>
internal sealed class LoadRun(DriverOptions options, HttpClient streams, HttpClient metrics)
{
    private readonly Uri _metricsUrl = new(options.BaseUrl, "metrics");

    public async Task<RunResult> ExecuteAsync()
    {
        var endpoint = new Uri(options.BaseUrl, "v1/chat/completions");
        var body = Encoding.UTF8.GetBytes(
            $$"""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":{{options.MaxTokens}},"stream":true}""");
        var gauges = new Gauges();
        var probe = options is { TtftMs: { } ttft, ItlMs: { } itl } ? new ArrivalLagProbe(ttft, itl) : null;
        var loops = Enumerable.Range(0, options.Concurrency)
            .Select(_ => new ClosedLoopStream(streams, endpoint, body, options.MaxTokens, gauges, probe)).ToArray();

        var beforeRun = await ScrapeAsync();
        using var stopPolling = new CancellationTokenSource();
        var poller = new RunningPoller(metrics, _metricsUrl);
        var polling = poller.RunAsync(stopPolling.Token);

        using var sending = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var running = loops.Select((loop, i) => Task.Run(async () =>
        {
            await Task.Delay(options.Ramp * i / options.Concurrency);
            await loop.RunAsync(sending.Token, abort.Token);
        })).ToArray();

        await DelayUntilAsync(clock, options.Warmup);
        var (warmupTally, warmupCpu, warmupAt) = (StreamTally.Sum(loops.Select(l => l.Tally)), CpuSample.Take(options.ServerPid), clock.Elapsed);
        var warmupLag = probe?.Histogram.Snapshot();
        var afterWarmup = await ScrapeAsync();

        await DelayUntilAsync(clock, options.Duration);
        var (endTally, endCpu, endAt) = (StreamTally.Sum(loops.Select(l => l.Tally)), CpuSample.Take(options.ServerPid), clock.Elapsed);
        var endLag = probe?.Histogram.Snapshot();
        var afterSending = await ScrapeAsync();
        sending.Cancel();

        var all = Task.WhenAll(running);
        var cut = 0;
        if (await Task.WhenAny(all, Task.Delay(options.Grace)) != all)
        {
            cut = gauges.InFlight.Current;
            abort.Cancel();
            await all;
        }

        var drain = clock.Elapsed - endAt;
        await stopPolling.CancelAsync();
        await polling;
        var afterRun = await ScrapeAsync();
        var total = StreamTally.Sum(loops.Select(l => l.Tally));
        return new RunResult
        {
            Options = options,
            Window = endAt - warmupAt,
            InWindow = endTally - warmupTally,
            Total = total,
            Cut = cut,
            Drain = drain,
            PeakInFlight = gauges.InFlight.Peak,
            PeakOpen = gauges.Open.Peak,
            ServerPeakRunning = Math.Max(poller.Peak, Math.Max(afterWarmup.Running, afterSending.Running)),
            ScrapeFailures = poller.Failures,
            SendLagWindow = afterSending.SendLag.Minus(afterWarmup.SendLag),
            SendLagRun = afterRun.SendLag.Minus(beforeRun.SendLag),
            CpuWindow = endCpu - warmupCpu,
            ArrivalLagWindow = endLag is null || warmupLag is null ? null : ArrivalLagHistogram.Minus(endLag, warmupLag),
            DriverPeakRssMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
        };
    }

    private static Task DelayUntilAsync(Stopwatch clock, TimeSpan at)
        => at > clock.Elapsed ? Task.Delay(at - clock.Elapsed) : Task.CompletedTask;

    private Task<SimulatorScrape> ScrapeAsync() => SimulatorScrape.FetchAsync(metrics, _metricsUrl, CancellationToken.None);
}
