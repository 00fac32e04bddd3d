namespace LlmLoad.LoadBench;

/// <summary>
/// One client run of bench/side-by-side.sh: a fixed number of closed-loop requests against a fresh
/// simulator, the client's records joined with that simulator's truth log by response id.
/// </summary>
internal sealed record SideBySideRun(
    string Client,
    int Concurrency,
    int Requests,
    int OutputTokens,
    bool Streaming,
    double TtftMs,
    double ItlMs,
    int ClientExitCode,
    int Succeeded,
    int Failed,
    double WindowSeconds,
    long ServerContentTokens,
    MeasurementError Error,
    MeasurementError WarmError,
    ExternalProcessFigures External)
{
    /// <summary>Successful requests ÷ (first send → last end), the same formula for every client.</summary>
    public double RequestsPerSecond => WindowSeconds > 0 ? Succeeded / WindowSeconds : 0;

    /// <summary>
    /// A closed loop of C streams doing N requests needs ⌈N ÷ C⌉ rounds of one request time
    /// (TTFT + (tokens − 1) × ITL); N ÷ that is the best any client can do. Null for buffered runs,
    /// whose instant server has no request time.
    /// </summary>
    public double? IdealRequestsPerSecond => Streaming
        ? Requests / (Math.Ceiling((double)Requests / Concurrency) * (TtftMs + ((OutputTokens - 1) * ItlMs)) / 1000)
        : null;

    public static SideBySideRun Load(string directory)
    {
        var values = BenchParams.Load(Path.Combine(directory, "params.txt"));
        var client = values.Text("client");
        var recordsPath = client == "llmload" ? Path.Combine(directory, "run", "requests.jsonl") : Path.Combine(directory, "records.jsonl");
        if (!File.Exists(recordsPath))
        {
            throw new InvalidDataException($"{client} wrote no per-request records ({recordsPath}); see {Path.Combine(directory, "client.err")}");
        }

        var requests = client == "llmload" ? ClientRequests.Load(recordsPath) : PeerRecords.Load(recordsPath);
        var truth = ServerTruth.Load(Path.Combine(directory, "truth.jsonl"));
        var succeeded = requests.Where(r => r.Succeeded && r.EndMs is not null).ToList();
        var window = succeeded.Count == 0 ? 0 : (succeeded.Max(r => r.EndMs!.Value) - succeeded.Min(r => r.SentMs)) / 1000;
        return new SideBySideRun(
            client,
            (int)values.Number("concurrency"),
            (int)values.Number("requests"),
            (int)values.Number("output_tokens"),
            values.Text("stream") == "true",
            values.Number("ttft_ms"),
            values.Number("itl_ms"),
            (int)values.Number("client_exit"),
            succeeded.Count,
            requests.Count - succeeded.Count,
            window,
            truth.Values.Sum(r => (long)r.CompletionTokens),
            MeasurementError.Of(requests, truth),
            // The first C sends each open a connection (every client starts its C streams at once); the
            // rest reuse one, which is the steady state a longer run converges to.
            MeasurementError.Of([.. requests.OrderBy(r => r.SentMs).Skip((int)values.Number("concurrency"))], truth),
            ExternalProcessFigures.Load(directory, values));
    }
}
