using System.Net;
using System.Net.Sockets;
using LlmLoad.Simulator.Tests.Metrics;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

/// <summary>
/// Live metrics through the real CLI against the built-in simulator: scraped from --prometheus-port while the
/// run goes and read with the Prometheus project's parser, and pushed with --otlp to a collector on loopback over
/// HTTP and gRPC; in both, the totals are the summary's, and no key, prompt or URL path is in any label or value.
/// </summary>
public sealed class LiveExportRunTests
{
    private const string Secret = "sk-live-export-secret-5f3a";
    private const int Requests = 24;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private static readonly Dictionary<string, string> Environment = new() { ["OPENAI_API_KEY"] = Secret };

    private static readonly string[] Workload =
    [
        "run", "--requests", Requests.ToString(System.Globalization.CultureInfo.InvariantCulture), "--concurrency", "4", "--seed", "7",
        "--mix", "short 50% input 64 output 8", "--mix", "long 50% input 200 output 24",
        "--input-price", "1", "--output-price", "4",
    ];

    [Fact]
    public async Task Run_WithPrometheusPort_ServesLiveFiguresWhileItRuns_AndTotalsThatMatchTheSummary()
    {
        var port = FreePort();
        using var results = new ResultsDirectory();
        using var cli = CliProcess.Start([.. Workload, "--out", results.Path, "--prometheus-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--prometheus-linger", "60s"], Environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var scrapeUrl = $"http://127.0.0.1:{port}/metrics";

        // While it runs: some requests finished, some in flight.
        var midRun = await ScrapeUntilAsync(http, scrapeUrl, cli, families => Total(families, "llmload_client_requests") is > 0 and < Requests && Total(families, "llmload_client_in_flight") > 0);
        // After the results are written, the endpoint lingers with the final figures.
        await WaitForAsync(() => cli.StandardOutput.Contains("serving the final metrics", StringComparison.Ordinal), cli);
        var text = await http.GetStringAsync(scrapeUrl);
        var final = await PrometheusParser.ParseAsync(text);
        cli.Signal("INT");
        var exit = await cli.WaitForExitAsync(Limit);

        Assert.True(exit == 0, cli.StandardError + cli.StandardOutput);
        Assert.InRange(Total(midRun, "llmload_client_in_flight"), 1, 4);
        var summary = results.Summary();
        Assert.Equal(summary.GetProperty("requests").GetProperty("measured").GetInt32(), Total(final, "llmload_client_requests"));
        Assert.Equal(Requests, Count(final, "gen_ai_client_operation_time_to_first_chunk_seconds"));
        Assert.Equal(Requests, Count(final, "gen_ai_client_operation_duration_seconds"));
        var tokens = summary.GetProperty("tokens");
        Assert.Equal(tokens.GetProperty("input_total").GetInt32(), Sum(final, "gen_ai_client_token_usage", ("gen_ai_token_type", "input")));
        Assert.Equal(tokens.GetProperty("output_total").GetInt32(), Sum(final, "gen_ai_client_token_usage", ("gen_ai_token_type", "output")));
        Assert.Equal(summary.GetProperty("cost").GetProperty("total_usd").GetDouble(), Total(final, "llmload_client_cost_usd"), 9);
        Assert.Equal(["long", "short"], Labels(final, "llmload_client_requests", "llmload_category"));
        Assert.Equal(["chat"], Labels(final, "llmload_client_requests", "gen_ai_operation_name"));
        Assert.Equal(["127.0.0.1"], Labels(final, "llmload_client_requests", "server_address"));
        Assert.Equal(0, Total(final, "llmload_client_in_flight"));
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("/v1", text, StringComparison.Ordinal);
        DashboardReadsOnly(final);
    }

    /// <summary>deploy/grafana's dashboard queries only series and labels that a real run serves.</summary>
    private static void DashboardReadsOnly(IReadOnlyList<ParsedFamily> served)
    {
        var dashboard = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "deploy", "grafana", "llmload-dashboard.json"))).RootElement;
        var queries = dashboard.GetProperty("panels").EnumerateArray().SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!)
            .Concat(dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Where(v => v.GetProperty("type").GetString() == "query").Select(v => v.GetProperty("query").GetProperty("query").GetString()!))
            .ToList();
        var samples = served.SelectMany(f => f.Samples).Select(s => s.Name).ToHashSet();
        var labels = served.SelectMany(f => f.Samples).SelectMany(s => s.Labels.Keys).ToHashSet();
        Assert.True(queries.Count >= 10, $"{queries.Count} queries");
        foreach (var query in queries)
        {
            foreach (System.Text.RegularExpressions.Match name in System.Text.RegularExpressions.Regex.Matches(query, @"\b(?:gen_ai|llmload)_[a-z_]+\b(?<selector>\{)?"))
            {
                var identifier = name.Value.TrimEnd('{');
                Assert.True(name.Groups["selector"].Success ? samples.Contains(identifier) : samples.Contains(identifier) || labels.Contains(identifier),
                    $"the dashboard query '{query}' reads {identifier}, which the run did not serve");
            }
        }
    }

    [Theory]
    [InlineData("http/protobuf")]
    [InlineData("grpc")]
    public async Task Run_WithOtlp_PushesWhileItRuns_AndTheLastPushHasTheSummaryTotals(string protocol)
    {
        await using var collector = await OtlpCollector.StartAsync();
        var endpoint = protocol == "grpc" ? collector.GrpcUrl : collector.HttpUrl;
        using var results = new ResultsDirectory();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            [.. Workload, "--out", results.Path, "--otlp", endpoint.ToString(), "--otlp-protocol", protocol, "--otlp-interval", "500ms"], Limit, Environment);

        Assert.True(exit == 0, stderr + stdout);
        var exports = collector.Exports.ToList();
        Assert.True(exports.Count >= 2, $"{exports.Count} export(s): one while the run went, one at its end expected");
        Assert.All(exports, e => Assert.Equal(protocol == "grpc" ? OtlpCollector.GrpcExportPath : "/v1/metrics", e.Path));
        Assert.All(exports, e => Assert.StartsWith(protocol == "grpc" ? "application/grpc" : "application/x-protobuf", e.ContentType, StringComparison.Ordinal));
        var last = exports[^1].Metrics.Totals;
        var summary = results.Summary();
        Assert.Equal(summary.GetProperty("requests").GetProperty("measured").GetInt32(), last["llmload.client.requests"]);
        Assert.Equal(Requests, last["gen_ai.client.operation.time_to_first_chunk"]);
        Assert.Equal(Requests, last["gen_ai.client.operation.duration"]);
        Assert.Equal(summary.GetProperty("cost").GetProperty("total_usd").GetDouble(), last["llmload.client.cost.usd"], 9);
        Assert.Contains(exports, e => e.Metrics.Totals.GetValueOrDefault("llmload.client.requests") is > 0 and < Requests);
        Assert.Contains("every 500ms", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PrometheusPortAlreadyTaken_IsRefusedBeforeAnythingIsSent()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var results = new ResultsDirectory();

        var (exit, _, stderr) = await CliProcess.RunAsync([.. Workload, "--out", results.Path, "--prometheus-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Limit, Environment);

        Assert.Equal(2, exit);
        Assert.Contains($"--prometheus-port {port}: cannot listen on http://127.0.0.1:{port}/metrics", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(results.RequestsFile));
    }

    [Theory]
    [InlineData("--prometheus-host=0.0.0.0", "--prometheus-host: applies to the scrape endpoint; give --prometheus-port PORT")]
    [InlineData("--prometheus-port=70000", "--prometheus-port: expected a TCP port, 1 to 65535, got '70000'")]
    [InlineData("--prometheus-host=example.com", "--prometheus-host: expected an IP address to bind")]
    [InlineData("--otlp-protocol=grpc", "--otlp-protocol: applies to pushing metrics to a collector; give --otlp ENDPOINT")]
    [InlineData("--otlp=ftp://127.0.0.1:4317", "--otlp: expected the collector's http:// or https:// URL")]
    [InlineData("--otlp=http://user:hunter2@127.0.0.1:4318", "--otlp: a collector URL must not carry credentials; put an auth header in the environment variable OTEL_EXPORTER_OTLP_HEADERS")]
    public async Task Run_BadLiveExportSetting_IsRefusedSayingWhatWasExpected(string flag, string expected)
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["run", "--requests", "1", flag], Limit);

        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stderr, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<IReadOnlyList<ParsedFamily>> ScrapeUntilAsync(HttpClient http, string url, CliProcess cli, Func<IReadOnlyList<ParsedFamily>, bool> done)
    {
        IReadOnlyList<ParsedFamily> families = [];
        await WaitForAsync(() =>
        {
            try
            {
                families = PrometheusParser.ParseAsync(http.GetStringAsync(url).GetAwaiter().GetResult()).GetAwaiter().GetResult();
                return done(families);
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, cli);
        return families;
    }

    private static async Task WaitForAsync(Func<bool> condition, CliProcess cli)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting; stdout:\n{cli.StandardOutput}\nstderr:\n{cli.StandardError}");
            await Task.Delay(50);
        }
    }

    /// <summary>The sum over every labelled series of a counter (its _total samples) or gauge.</summary>
    private static double Total(IReadOnlyList<ParsedFamily> families, string family)
        => families.Where(f => f.Name == family).SelectMany(f => f.Samples).Where(s => s.Name == family || s.Name == family + "_total").Sum(s => s.Value);

    private static double Count(IReadOnlyList<ParsedFamily> families, string histogram)
        => families.Where(f => f.Name == histogram).SelectMany(f => f.Samples).Where(s => s.Name == histogram + "_count").Sum(s => s.Value);

    private static double Sum(IReadOnlyList<ParsedFamily> families, string histogram, (string Name, string Value) label)
        => families.Where(f => f.Name == histogram).SelectMany(f => f.Samples)
            .Where(s => s.Name == histogram + "_sum" && s.Labels.GetValueOrDefault(label.Name) == label.Value).Sum(s => s.Value);

    private static List<string> Labels(IReadOnlyList<ParsedFamily> families, string family, string label)
        => [.. families.Where(f => f.Name == family).SelectMany(f => f.Samples).Select(s => s.Labels.GetValueOrDefault(label)).OfType<string>().Distinct().Order(StringComparer.Ordinal)];
}
