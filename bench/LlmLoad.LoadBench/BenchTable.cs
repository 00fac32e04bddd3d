using System.Globalization;
using System.Text;

namespace LlmLoad.LoadBench;

internal enum Verdict
{
    Info,
    Pass,
    Miss,
}

/// <summary>One line of the table: a figure, its target or ideal, and whether the target held.</summary>
internal sealed record BenchRow(string Section, string Label, string Value, string Target, Verdict Verdict);

/// <summary>The per-scenario table: figures beside their targets (issue 2), PASS/MISS per target.</summary>
internal sealed class BenchTable
{
    // Targets of issue 2.
    private const double ThroughputTolerance = 0.03;
    private const double TtftErrorP50Ms = 1;
    private const double TtftErrorP99Ms = 5;
    private const double RateTolerance = 0.01;
    private const double ScheduleLagP99Ms = 2;
    private const double PeakRssMb = 300;

    // Above this share of the machine used by other processes the figures are not trustworthy.
    private const double DisturbanceShare = 0.05;

    private readonly List<BenchRow> _rows = [];
    private readonly List<string> _notes = [];

    private BenchTable(string title) => Title = title;

    public string Title { get; }

    public IReadOnlyList<BenchRow> Rows => _rows;

    public IReadOnlyList<string> Notes => _notes;

    public bool AllHeld => _rows.All(r => r.Verdict != Verdict.Miss);

    public static BenchTable For(BenchFigures f)
    {
        var shape = f.OpenLoop
            ? $"open loop, {N(f.TargetRate!.Value, 0)} req/s constant, cap {f.Concurrency}"
            : $"closed loop, {f.Concurrency} streams";
        var table = new BenchTable($"{f.Scenario}: {shape}, {N(f.MeasuredSeconds, 0)} s + {N(f.WarmupSeconds, 0)} s warm-up; simulator TTFT {N(f.TtftMs, 0)} ms, ITL {N(f.ItlMs, 0)} ms, {f.OutputTokens} tokens");
        table.AddThroughput(f);
        table.AddAccuracy(f);
        if (f.OpenLoop)
        {
            table.AddOpenLoop(f);
        }

        table.AddClient(f);
        table.AddSimulator(f);
        table.AddNotes(f);
        return table;
    }

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("== ").Append(Title).AppendLine(" ==");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"figure",-36} {"measured",-24} {"target / ideal",-34} result");
        string? section = null;
        foreach (var row in _rows)
        {
            if (row.Section != section)
            {
                section = row.Section;
                text.Append("  ").AppendLine(section);
            }

            var verdict = row.Verdict switch { Verdict.Pass => "PASS", Verdict.Miss => "MISS", _ => "" };
            text.AppendLine(FormattableString.Invariant($"    {row.Label,-34} {row.Value,-24} {row.Target,-34} {verdict}").TrimEnd());
        }

        foreach (var note in _notes)
        {
            text.Append("  ! ").AppendLine(note);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  => {(AllHeld ? "all targets held" : $"{_rows.Count(r => r.Verdict == Verdict.Miss)} target(s) missed")}");
        return text.ToString();
    }

    private void AddThroughput(BenchFigures f)
    {
        const string Section = "throughput (measured window, from summary.json)";
        var ideal = f.IdealRequestsPerSecond;
        var rps = f.Client.RequestsPerSecond;
        if (f.OpenLoop)
        {
            Add(Section, "req/s completed", N(rps, 2), $"{N(ideal, 2)} offered", Verdict.Info);
        }
        else
        {
            // Closed-loop streams start together and stay in phase, so a window holds a whole number of
            // rounds: the figure moves by up to one request time over the window whatever the client does.
            // Shorter than that tolerance allows, the figure cannot be judged (the smoke scenario).
            var roundShare = f.IdealRequestMs / 1000 / f.MeasuredSeconds;
            var judged = roundShare <= ThroughputTolerance;
            Add(Section, "req/s completed", $"{N(rps, 2)} ({Pct(rps, ideal)})",
                judged ? $"within 3% of {N(ideal, 2)} ideal" : $"{N(ideal, 2)} ideal; ±1 round = {N(100 * roundShare, 0)}%, not judged",
                judged ? Within(rps, ideal, ThroughputTolerance) : Verdict.Info);
            var steady = f.SteadyRequestsPerSecond;
            Add(Section, $"req/s ended in [{N(f.WarmupSeconds, 0)} s, {N(f.WarmupSeconds + f.MeasuredSeconds, 0)} s]", $"{N(steady, 2)} ({Pct(steady, ideal)})", "steady state, no drain", Verdict.Info);
        }

        Add(Section, "streamed chunks/s", $"{N(f.ChunksPerSecond, 0)} ({Pct(f.ChunksPerSecond, f.IdealChunksPerSecond)})", $"{N(f.IdealChunksPerSecond, 0)} ideal", Verdict.Info);
        Add(Section, "measured / ok / failed / dropped", $"{f.Client.Measured} / {f.Client.Succeeded} / {f.Client.Failed} / {f.Client.Dropped}", $"window {N(f.Client.WindowSeconds, 2)} s", f.Client.Failed > 0 ? Verdict.Miss : Verdict.Info);
    }

    private void AddAccuracy(BenchFigures f)
    {
        var e = f.Error;
        var section = $"client − simulator truth, ms ({e.Matched} of {e.Measured} measured ok matched by id)";
        Add(section, "TTFT error p50", N(e.TtftErrorMs.P50, 3), $"<= {N(TtftErrorP50Ms, 0)}", AtMost(e.TtftErrorMs.P50, TtftErrorP50Ms));
        Add(section, "TTFT error p99", N(e.TtftErrorMs.P99, 3), $"<= {N(TtftErrorP99Ms, 0)}", AtMost(e.TtftErrorMs.P99, TtftErrorP99Ms));
        Add(section, "TTFT error min / max", $"{N(e.TtftErrorMs.Min, 3)} / {N(e.TtftErrorMs.Max, 3)}", "", Verdict.Info);
        Add(section, "= request leg p50 / p99 / max", $"{N(e.RequestLegMs.P50, 3)} / {N(e.RequestLegMs.P99, 3)} / {N(e.RequestLegMs.Max, 3)}", "client send → simulator handler", Verdict.Info);
        Add(section, "+ response leg p50 / p99 / max", $"{N(e.ResponseLegMs.P50, 3)} / {N(e.ResponseLegMs.P99, 3)} / {N(e.ResponseLegMs.Max, 3)}", "simulator flush → client stamp", Verdict.Info);
        Add(section, "E2E error p50 / p99 / max", $"{N(e.E2eErrorMs.P50, 3)} / {N(e.E2eErrorMs.P99, 3)} / {N(e.E2eErrorMs.Max, 3)}", "", Verdict.Info);
    }

    private void AddOpenLoop(BenchFigures f)
    {
        const string Section = "open loop";
        var target = f.TargetRate!.Value;
        var achieved = f.Client.AchievedRatePerSecond;
        Add(Section, "achieved rate req/s", $"{N(achieved, 2)} ({Pct(achieved, target)})", $"within 1% of {N(target, 0)}", Within(achieved, target, RateTolerance));
        Add(Section, "schedule lag p50 ms", N(f.Client.ScheduleLagP50Ms, 3), "", Verdict.Info);
        Add(Section, "schedule lag p99 ms", N(f.Client.ScheduleLagP99Ms, 3), $"<= {N(ScheduleLagP99Ms, 0)}", AtMost(f.Client.ScheduleLagP99Ms, ScheduleLagP99Ms));
        Add(Section, "schedule lag p99 / max (exact) ms", $"{N(f.ScheduleLagMs.P99, 3)} / {N(f.ScheduleLagMs.Max, 3)}", "from requests.jsonl", Verdict.Info);
    }

    private void AddClient(BenchFigures f)
    {
        const string Section = "client process (self-reported | from outside)";
        var x = f.External;
        var cores = Environment.ProcessorCount;
        var utilisation = f.Client.DurationSeconds > 0 ? f.Client.CpuSeconds / f.Client.DurationSeconds / cores : 0;
        Add(Section, "CPU s", $"{N(f.Client.CpuSeconds, 1)} | {N(x.ClientCpuSeconds, 1)}", $"{N(100 * utilisation, 0)}% of {cores} cores over {N(f.Client.DurationSeconds, 1)} s", Verdict.Info);
        var peak = Math.Max(f.Client.PeakRssMb, x.ClientPeakRssMb ?? 0);
        Add(Section, "peak RSS MB", $"{N(f.Client.PeakRssMb, 1)} | {N(x.ClientPeakRssMb, 1)}", $"<= {N(PeakRssMb, 0)}", AtMost(peak, PeakRssMb));
        Add(Section, "GC pause ms / gen0 / gen2 GCs", $"{N(f.Client.GcPauseMs, 1)} / {f.Client.Gen0Collections?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} / {f.Client.Gen2Collections}", $"{N(100 * f.Client.GcPauseMs / 1000 / Math.Max(f.Client.DurationSeconds, 1e-9), 1)}% of the run paused", Verdict.Info);
        Add(Section, "allocated MB", N(f.Client.AllocatedMb, 0), f.Client.AllocatedMb is { } mb && f.Client.Total > 0 ? $"{N(mb * 1024 / f.Client.Total, 1)} KB per request (warm-up included)" : "", Verdict.Info);
        Add(Section, "exit code", f.ClientExitCode.ToString(CultureInfo.InvariantCulture), "0", f.ClientExitCode == 0 ? Verdict.Pass : Verdict.Miss);
    }

    private void AddSimulator(BenchFigures f)
    {
        const string Section = "simulator (truth log) and machine";
        var e = f.Error;
        Add(Section, "server TTFT p50 / p99 / max ms", $"{N(e.ServerTtftMs.P50, 1)} / {N(e.ServerTtftMs.P99, 1)} / {N(e.ServerTtftMs.Max, 1)}", $"{N(f.TtftMs, 0)} nominal", Verdict.Info);
        Add(Section, "server E2E p50 / p99 / max ms", $"{N(e.ServerE2eMs.P50, 1)} / {N(e.ServerE2eMs.P99, 1)} / {N(e.ServerE2eMs.Max, 1)}", $"{N(f.IdealRequestMs, 0)} nominal", Verdict.Info);
        Add(Section, "simulator CPU s (client lifetime)", N(f.External.SimulatorCpuSeconds, 1), "", Verdict.Info);
        Add(Section, "other processes CPU s", N(f.External.OtherCpuSeconds, 1), $"~0 (/proc/stat busy {N(f.External.MachineBusySeconds, 1)} s)", Verdict.Info);
    }

    private void AddNotes(BenchFigures f)
    {
        var machine = f.External.WallSeconds * Environment.ProcessorCount;
        if (machine > 0 && f.External.OtherCpuSeconds > DisturbanceShare * machine)
        {
            _notes.Add($"other processes used {N(f.External.OtherCpuSeconds, 1)} CPU s ({N(100 * f.External.OtherCpuSeconds / machine, 0)}% of the machine) during the run: the figures are disturbed, rerun on a quiet machine");
        }

        if (f.Error.Matched < f.Error.Measured)
        {
            _notes.Add($"{f.Error.Measured - f.Error.Matched} measured successful requests have no truth-log line (missing response id or the simulator did not log them)");
        }

        foreach (var warning in f.Client.Warnings)
        {
            _notes.Add("client warning: " + warning);
        }
    }

    private void Add(string section, string label, string value, string target, Verdict verdict)
        => _rows.Add(new BenchRow(section, label, value, target, verdict));

    private static Verdict Within(double value, double target, double tolerance)
        => Math.Abs(value - target) <= tolerance * target ? Verdict.Pass : Verdict.Miss;

    private static Verdict AtMost(double value, double limit)
        => double.IsNaN(value) ? Verdict.Miss : value <= limit ? Verdict.Pass : Verdict.Miss;

    private static string Pct(double value, double reference)
        => reference == 0 ? "n/a" : (100 * (value - reference) / reference).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%";

    private static string N(double? value, int decimals)
        => value is { } v && !double.IsNaN(v) ? v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "n/a";
}
