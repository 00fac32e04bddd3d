using System.Globalization;
using LlmLoad.LoadBench;

// Usage: LlmLoad.LoadBench SCENARIO_DIR | LlmLoad.LoadBench side-by-side RESULTS_DIR
// Reads what bench/load-bench.sh left in SCENARIO_DIR (params.txt, run/summary.json, run/requests.jsonl,
// truth.jsonl, client.time, cpu.tsv), prints the scenario's table, writes bench.json beside them.
// Exit code: 0 when every target held, 4 when one missed, 2 when the inputs are unusable.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
// side-by-side: the runs of bench/side-by-side.sh, one column per client. Exit 0, or 2 when a run could not be read.
if (args is ["side-by-side", var resultsDirectory] && Directory.Exists(resultsDirectory))
{
    var (sideBySide, allRead) = SideBySide.Analyse(resultsDirectory);
    Console.Out.Write(sideBySide);
    return allRead ? 0 : 2;
}

if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: LlmLoad.LoadBench SCENARIO_DIR | LlmLoad.LoadBench side-by-side RESULTS_DIR");
    return 2;
}

try
{
    var figures = BenchFigures.Load(args[0]);
    var table = BenchTable.For(figures);
    Console.Out.Write(table.Render());
    BenchJson.Write(Path.Combine(args[0], "bench.json"), figures, table);
    return table.AllHeld ? 0 : 4;
}
catch (Exception ex) when (ex is IOException or FormatException or KeyNotFoundException or System.Text.Json.JsonException or InvalidDataException)
{
    Console.Error.WriteLine($"load-bench: cannot analyse {args[0]}: {ex.Message}");
    return 2;
}
