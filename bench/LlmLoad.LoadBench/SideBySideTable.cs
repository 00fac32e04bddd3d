using System.Globalization;
using System.Text;

namespace LlmLoad.LoadBench;

/// <summary>
/// The side-by-side table of issue 15: one column per client, one block per concurrency, the figures of
/// the long-output streaming run unless a row says otherwise. On a shared machine the ratios between
/// columns, measured minutes apart, mean more than the absolute figures.
/// </summary>
internal sealed class SideBySideTable
{
    private static readonly string[] ClientOrder = ["llmload", "diy", "locust"];

    private static readonly Dictionary<string, string> ClientTitles = new(StringComparer.Ordinal)
    {
        ["llmload"] = "llmload",
        ["diy"] = "DIY aiohttp",
        ["locust"] = "Locust",
    };

    private readonly StringBuilder _text = new();
    private readonly List<string> _notes = [];

    public static string Render(IReadOnlyList<SideBySideRun> runs, IReadOnlyList<string> notes)
    {
        var table = new SideBySideTable();
        table._notes.AddRange(notes);
        foreach (var block in runs.GroupBy(r => r.Concurrency).OrderBy(g => g.Key))
        {
            table.AddBlock(block.Key, [.. block]);
        }

        foreach (var note in table._notes)
        {
            table._text.Append("! ").AppendLine(note);
        }

        return table._text.ToString();
    }

    private void AddBlock(int concurrency, List<SideBySideRun> runs)
    {
        var streamed = runs.Where(r => r.Streaming).ToList();
        var lengths = streamed.Select(r => r.OutputTokens).Distinct().Order().ToList();
        if (lengths.Count == 0)
        {
            return;
        }

        var longest = lengths[^1];
        var shortest = lengths[0];
        var clients = ClientOrder.Where(c => runs.Any(r => r.Client == c)).ToList();
        var headline = streamed.First(r => r.OutputTokens == longest);
        var requests = headline.Requests;
        _text.AppendLine(CultureInfo.InvariantCulture, $"== c={concurrency} closed loop, {requests} requests per run; simulator TTFT {N(headline.TtftMs, 0)} ms, ITL {N(headline.ItlMs, 0)} ms, {longest} tokens unless stated ==");
        Row("", clients.Select(c => ClientTitles[c]));

        SideBySideRun? Run(string client, int tokens, bool streaming = true)
            => runs.FirstOrDefault(r => r.Client == client && r.OutputTokens == tokens && r.Streaming == streaming);

        Row("achieved / ideal req/s", clients.Select(c => Run(c, longest) is { } r && r.IdealRequestsPerSecond is { } ideal
            ? $"{N(r.RequestsPerSecond, 1)} / {N(ideal, 1)} = {N(100 * r.RequestsPerSecond / ideal, 1)}%" : "–"));
        Row("ok / failed requests", clients.Select(c => Run(c, longest) is { } r ? $"{r.Succeeded} / {r.Failed}" : "–"));
        Row("TTFT error p50 / p99 ms", clients.Select(c => Run(c, longest) is { } r ? $"{N(r.Error.TtftErrorMs.P50, 1)} / {N(r.Error.TtftErrorMs.P99, 1)}" : "–"));
        Row("  warm connections p50 / p99 ms", clients.Select(c => Run(c, longest) is { } r ? $"{N(r.WarmError.TtftErrorMs.P50, 1)} / {N(r.WarmError.TtftErrorMs.P99, 1)}" : "–"));
        Row("  request leg p50 / p99 ms", clients.Select(c => Run(c, longest) is { } r ? $"{N(r.Error.RequestLegMs.P50, 2)} / {N(r.Error.RequestLegMs.P99, 1)}" : "–"));
        Row("E2E error p50 / p99 ms", clients.Select(c => Run(c, longest) is { } r ? $"{N(r.Error.E2eErrorMs.P50, 1)} / {N(r.Error.E2eErrorMs.P99, 1)}" : "–"));
        Row("  warm connections p50 / p99 ms", clients.Select(c => Run(c, longest) is { } r ? $"{N(r.WarmError.E2eErrorMs.P50, 1)} / {N(r.WarmError.E2eErrorMs.P99, 1)}" : "–"));
        Row("matched with truth log", clients.Select(c => Run(c, longest) is { } r ? $"{r.Error.Matched} of {r.Error.Measured}" : "–"));
        var shortItl = streamed.First(r => r.OutputTokens == shortest).ItlMs;
        Row($"client CPU s, {shortest} (ITL {N(shortItl, 0)}) / {longest} tok", clients.Select(c => Run(c, shortest) is { } s && Run(c, longest) is { } l
            ? $"{N(s.External.ClientCpuSeconds, 2)} / {N(l.External.ClientCpuSeconds, 2)}" : "–"));
        Row("CPU per streamed chunk, marginal", clients.Select(c => MarginalMicroseconds(Run(c, shortest), Run(c, longest)) is { } us
            ? $"{N(us, 1)} µs{(KeptUp(Run(c, shortest)) && KeptUp(Run(c, longest)) ? "" : " (behind)")}" : "–"));
        Row($"CPU per request, {longest} tok, start-up in", clients.Select(c => Run(c, longest) is { External.ClientCpuSeconds: { } cpu } r && r.Succeeded > 0
            ? $"{N(cpu * 1e6 / r.Succeeded, 0)} µs" : "–"));
        Row("client peak RSS MB", clients.Select(c => runs.Where(r => r.Client == c && r.Streaming).Select(PeakRssMb).DefaultIfEmpty().Max() is var mb and > 0 ? N(mb, 0) : "–"));
        Row("buffered (stream=false) req/s", clients.Select(c => Run(c, longest, streaming: false) is { } r
            ? $"{N(r.RequestsPerSecond, 0)} ({N(r.External.ClientCpuSeconds is { } cpu && r.Succeeded > 0 ? cpu * 1e6 / r.Succeeded : null, 0)} µs CPU/req)" : "–"));
        Row("other processes, cores", clients.Select(c => OtherCores(runs.Where(r => r.Client == c))));
        Row("simulator CPU s / exit codes", clients.Select(c => Run(c, longest) is { } r ? $"{N(r.External.SimulatorCpuSeconds, 1)} / {string.Join(",", runs.Where(x => x.Client == c).Select(x => x.ClientExitCode))}" : "–"));
        _text.AppendLine();

        foreach (var run in runs.Where(r => r.Streaming && r.Error.TtftErrorMs.P50 < -r.TtftMs / 2))
        {
            AddNoteOnce($"{ClientTitles[run.Client]} stamps TTFT at the first SSE data line; the simulator sends the role chunk (no content) on arrival, so that is not the first token and its TTFT error is about −{N(run.TtftMs, 0)} ms. Its request leg and E2E error compare with llmload's.");
        }

        if (streamed.Any(r => !KeptUp(r)))
        {
            AddNoteOnce($"(behind): a run under {N(100 * KeptUpShare, 0)}% of its ideal req/s: the client (or the shared machine) fell behind the stream, so one socket read returns several chunks and the marginal CPU per chunk understates what a chunk costs a client that keeps up.");
        }

        foreach (var run in runs.Where(r => r.Error.Matched < r.Error.Measured))
        {
            _notes.Add($"c={concurrency} {ClientTitles[run.Client]} {run.OutputTokens} tokens: {run.Error.Measured - run.Error.Matched} successful requests have no truth-log line");
        }

        var machine = Environment.ProcessorCount;
        foreach (var run in runs.Where(r => r.External.WallSeconds > 0 && r.External.OtherCpuSeconds > 0.05 * machine * r.External.WallSeconds))
        {
            _notes.Add($"c={concurrency} {ClientTitles[run.Client]} {run.OutputTokens} tokens{(run.Streaming ? "" : " buffered")}: other processes used {N(run.External.OtherCpuSeconds / run.External.WallSeconds, 2)} cores during the run: disturbed");
        }
    }

    // Below this share of the ideal rate a client no longer reads each chunk as it arrives.
    private const double KeptUpShare = 0.9;

    private static bool KeptUp(SideBySideRun? run)
        => run?.IdealRequestsPerSecond is { } ideal && run.RequestsPerSecond >= KeptUpShare * ideal;

    private void AddNoteOnce(string note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }

    /// <summary>
    /// (CPU at the long output − CPU at the short one) ÷ (content chunks the server sent more): start-up,
    /// connection set-up and per-request work are in both runs and cancel out, what remains is reading a chunk.
    /// </summary>
    private static double? MarginalMicroseconds(SideBySideRun? shortRun, SideBySideRun? longRun)
    {
        if (shortRun?.External.ClientCpuSeconds is not { } shortCpu || longRun?.External.ClientCpuSeconds is not { } longCpu)
        {
            return null;
        }

        var chunks = longRun.ServerContentTokens - shortRun.ServerContentTokens;
        return chunks > 0 ? (longCpu - shortCpu) * 1e6 / chunks : null;
    }

    private static double PeakRssMb(SideBySideRun run)
        => Math.Max(run.External.ClientPeakRssMb ?? 0, run.External.ClientPolledHwmMb ?? 0);

    private static string OtherCores(IEnumerable<SideBySideRun> runs)
    {
        var list = runs.ToList();
        var wall = list.Sum(r => r.External.WallSeconds);
        return wall > 0 ? N(list.Sum(r => r.External.OtherCpuSeconds) / wall, 2) : "–";
    }

    private void Row(string label, IEnumerable<string> cells)
    {
        var row = new StringBuilder();
        row.Append(CultureInfo.InvariantCulture, $"{label,-36}");
        foreach (var cell in cells)
        {
            row.Append(CultureInfo.InvariantCulture, $" {cell,-26}");
        }

        _text.AppendLine(row.ToString().TrimEnd());
    }

    private static string N(double? value, int decimals)
        => value is { } v && !double.IsNaN(v) ? v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "n/a";
}
