namespace LlmLoad.LoadBench;

/// <summary>Everything measured for one scenario, and the ideal it is compared with.</summary>
internal sealed record BenchFigures(
    string Scenario,
    bool OpenLoop,
    int Concurrency,
    double? TargetRate,
    double TtftMs,
    double ItlMs,
    int OutputTokens,
    double MeasuredSeconds,
    double WarmupSeconds,
    int ClientExitCode,
    ClientSummary Client,
    MeasurementError Error,
    Distribution ScheduleLagMs,
    long MeasuredChunks,
    long CompletedInSteadyWindow,
    ExternalProcessFigures External)
{
    /// <summary>Server time of one request with no queueing: TTFT + (tokens − 1) × ITL.</summary>
    public double IdealRequestMs => TtftMs + ((OutputTokens - 1) * ItlMs);

    /// <summary>Closed loop: every stream busy all the time, concurrency ÷ ideal request time. Open loop: the offered rate.</summary>
    public double IdealRequestsPerSecond => OpenLoop ? TargetRate!.Value : Concurrency / (IdealRequestMs / 1000);

    /// <summary>The simulator sends one chunk per token.</summary>
    public double IdealChunksPerSecond => IdealRequestsPerSecond * OutputTokens;

    public double ChunksPerSecond => Client.WindowSeconds > 0 ? MeasuredChunks / Client.WindowSeconds : 0;

    /// <summary>
    /// Successful responses that ended between the end of warm-up and the end of sending, per second:
    /// a steady-state rate that neither the warm-up boundary nor the drain after the last send skews.
    /// </summary>
    public double SteadyRequestsPerSecond => MeasuredSeconds > 0 ? CompletedInSteadyWindow / MeasuredSeconds : 0;

    public static BenchFigures Load(string directory)
    {
        var values = BenchParams.Load(Path.Combine(directory, "params.txt"));
        var requests = ClientRequests.Load(Path.Combine(directory, "run", "requests.jsonl"));
        var truth = ServerTruth.Load(Path.Combine(directory, "truth.jsonl"));
        var measured = requests.Where(r => !r.Warmup).ToList();
        var steadyStartMs = values.Number("warmup_s") * 1000;
        var steadyEndMs = steadyStartMs + (values.Number("duration_s") * 1000);
        return new BenchFigures(
            values.Text("scenario"),
            values.Text("mode") == "open",
            (int)values.Number("concurrency"),
            values.OptionalNumber("rate"),
            values.Number("ttft_ms"),
            values.Number("itl_ms"),
            (int)values.Number("output_tokens"),
            values.Number("duration_s"),
            values.Number("warmup_s"),
            (int)values.Number("client_exit"),
            ClientSummary.Load(Path.Combine(directory, "run", "summary.json")),
            MeasurementError.Of(requests, truth),
            Distribution.Of(measured.Select(r => r.ScheduleLagMs)),
            measured.Sum(r => (long)r.Chunks),
            requests.Count(r => r.Succeeded && r.EndMs >= steadyStartMs && r.EndMs < steadyEndMs),
            ExternalProcessFigures.Load(directory, values));
    }
}
