using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace LlmLoad.Simulator.Tests.Metrics;

/// <summary>One metric family as the Prometheus project's Python parser read it.</summary>
public sealed record ParsedFamily(string Name, string Type, IReadOnlyList<ParsedSample> Samples, string Help = "");

/// <param name="TimestampSeconds">The sample's timestamp as prometheus_client reads it (seconds since the epoch); null when none was written.</param>
public sealed record ParsedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, double? TimestampSeconds = null);

/// <summary>
/// Parses exposition text with prometheus_client's own parser (Debian's python3-prometheus-client, which CI
/// installs), so the tests check the format against the reference implementation, not against our reading of it.
/// Also compiled into LlmLoad.Tests, whose exposition parser is checked against it.
/// </summary>
public static class PrometheusParser
{
    // Absolute path: another python3 on PATH may lack the package. -I ignores PYTHON* variables and user site-packages.
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string Script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        for family in text_string_to_metric_families(sys.stdin.read()):
            samples = [{"name": s.name, "labels": s.labels, "value": repr(s.value), "timestamp": None if s.timestamp is None else float(s.timestamp)} for s in family.samples]
            print(json.dumps({"name": family.name, "type": family.type, "help": family.documentation, "samples": samples}))
        """;

    public static async Task<IReadOnlyList<ParsedFamily>> ParseAsync(string exposition)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing; install python3-prometheus-client (apt-get install python3-prometheus-client).");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-I");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.WriteAsync(exposition.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            var error = await stderr;
            Assert.True(process.ExitCode == 0, $"The Prometheus parser rejected the exposition:\n{error}\n--- exposition ---\n{exposition}");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ReadFamily).ToList();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Python} did not finish parsing within {Timeout}.");
        }
    }

    private static ParsedFamily ReadFamily(string jsonLine)
    {
        var family = JsonDocument.Parse(jsonLine).RootElement;
        var samples = family.GetProperty("samples").EnumerateArray().Select(s => new ParsedSample(
            s.GetProperty("name").GetString()!,
            s.GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!),
            ReadFloat(s.GetProperty("value").GetString()!),
            s.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null)).ToList();
        return new ParsedFamily(family.GetProperty("name").GetString()!, family.GetProperty("type").GetString()!, samples,
            family.TryGetProperty("help", out var help) ? help.GetString() ?? "" : "");
    }

    // Python's repr of a float; JSON has no spelling for inf or nan.
    private static double ReadFloat(string repr) => repr switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(repr, CultureInfo.InvariantCulture),
    };
}
