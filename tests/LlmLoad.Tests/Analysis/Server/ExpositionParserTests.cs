using LlmLoad.Analysis.Server;
using LlmLoad.Simulator.Tests.Metrics;

namespace LlmLoad.Tests.Analysis.Server;

/// <summary>llmload's exposition parser reads every exporter's output as the Prometheus project's own Python parser does.</summary>
public sealed class ExpositionParserTests
{
    public static TheoryData<string, string> Expositions => new()
    {
        { "vllm-v0", ExporterFixtures.VllmV0 },
        { "sglang", ExporterFixtures.Sglang },
        { "tgi", ExporterFixtures.Tgi },
        { "llamacpp", ExporterFixtures.LlamaCpp },
        { "dcgm", ExporterFixtures.Dcgm },
        { "edge cases", ExporterFixtures.EdgeCases },
        { "simulator", SimulatorExposition() },
        { "simulator sglang", SimulatorExposition(LlmLoad.Simulator.Metrics.MetricsFlavor.Sglang) },
        { "simulator tgi", SimulatorExposition(LlmLoad.Simulator.Metrics.MetricsFlavor.Tgi) },
        { "simulator llamacpp", SimulatorExposition(LlmLoad.Simulator.Metrics.MetricsFlavor.LlamaCpp) },
    };

    [Theory]
    [MemberData(nameof(Expositions))]
    public async Task Parse_ExporterOutput_SameFamiliesAndSamplesAsPrometheusClient(string exporter, string text)
    {
        var reference = await PrometheusParser.ParseAsync(text);
        var ours = ExpositionParser.Parse(text);

        // prometheus_client reads the text into OpenMetrics terms: a counter's family loses _total and a counter
        // sample written without it gains it (TGI's tgi_request_count); untyped is "unknown". llmload keeps the names
        // as written, which is what the 0.0.4 text format says, so the comparison maps between the two.
        Assert.Equal(
            reference.Select(f => (f.Name, f.Type, f.Help)),
            ours.Select(f => (f.Type == "counter" && f.Name.EndsWith("_total", StringComparison.Ordinal) ? f.Name[..^6] : f.Name, f.Type == "untyped" ? "unknown" : f.Type, f.Help)));
        var expected = reference.SelectMany(f => f.Samples).Select(s => Describe(s.Name, s.Labels, s.Value, s.TimestampSeconds)).ToList();
        var actual = ours.SelectMany(f => f.Samples.Select(s => Describe(
            f.Type == "counter" && !f.Name.EndsWith("_total", StringComparison.Ordinal) ? s.Name + "_total" : s.Name, s.Labels.ToDictionary(), s.Value, s.TimestampMs / 1000.0))).ToList();
        Assert.True(expected.SequenceEqual(actual), $"{exporter}:\nexpected\n{string.Join('\n', expected)}\nactual\n{string.Join('\n', actual)}");
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Login</body></html>", "line 1: expected a metric name")]
    [InlineData("vllm:num_requests_running{model_name=\"m\"} twelve", "line 1: 'twelve' is not a number")]
    [InlineData("ok 1\nbroken{a=\"1\" 2", "line 2: expected ',' or '}' after label a")]
    [InlineData("x{a=1} 2", "line 1: label a's value must be in double quotes")]
    [InlineData("x 1 soon", "line 1: sample x: timestamp 'soon' is not an integer of milliseconds")]
    public void Parse_NotTheFormat_NamesTheLineAndWhatWasExpected(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => ExpositionParser.Parse(text));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_EachExporter_NamesItsFlavour()
    {
        Assert.Equal([ServerFlavours.VllmV0], ServerFlavours.Detect(ExpositionParser.Parse(ExporterFixtures.VllmV0)));
        Assert.Equal([ServerFlavours.VllmV1], ServerFlavours.Detect(ExpositionParser.Parse(SimulatorExposition())));
        Assert.Equal([ServerFlavours.Sglang], ServerFlavours.Detect(ExpositionParser.Parse(ExporterFixtures.Sglang)));
        Assert.Equal([ServerFlavours.Tgi], ServerFlavours.Detect(ExpositionParser.Parse(ExporterFixtures.Tgi)));
        Assert.Equal([ServerFlavours.LlamaCpp], ServerFlavours.Detect(ExpositionParser.Parse(ExporterFixtures.LlamaCpp)));
        Assert.Equal([ServerFlavours.Dcgm], ServerFlavours.Detect(ExpositionParser.Parse(ExporterFixtures.Dcgm)));
        Assert.Equal([ServerFlavours.Sglang], ServerFlavours.Detect(ExpositionParser.Parse(SimulatorExposition(LlmLoad.Simulator.Metrics.MetricsFlavor.Sglang))));
        Assert.Equal([ServerFlavours.Tgi], ServerFlavours.Detect(ExpositionParser.Parse(SimulatorExposition(LlmLoad.Simulator.Metrics.MetricsFlavor.Tgi))));
        Assert.Equal([ServerFlavours.LlamaCpp], ServerFlavours.Detect(ExpositionParser.Parse(SimulatorExposition(LlmLoad.Simulator.Metrics.MetricsFlavor.LlamaCpp))));
    }

    [Fact]
    public void Reading_EachFlavour_MapsItsNamesToTheSameQuantities()
    {
        var vllm = Read(ExporterFixtures.VllmV0);
        Assert.Equal((12.0, 3.0, 0.4375, 2.0), (vllm[ServerQuantity.Running], vllm[ServerQuantity.Waiting], vllm[ServerQuantity.KvCacheUsage], vllm[ServerQuantity.Preemptions]));
        Assert.Equal(20, vllm.QueueTime!.Count);

        // Per-rank series add up: two tensor-parallel ranks of 24 running requests each are 48.
        var sglang = Read(ExporterFixtures.Sglang);
        Assert.Equal((48.0, 7.0, 0.28), (sglang[ServerQuantity.Running], sglang[ServerQuantity.Waiting], sglang[ServerQuantity.KvCacheUsage]));
        Assert.Equal(10, sglang.QueueTime!.Count);

        // SGLang's retractions are its preemptions.
        Assert.Equal(4.0, sglang[ServerQuantity.Preemptions]);

        // TGI has no KV gauge: the batch's reserved tokens over max_batch_total_tokens stand for it; only "overloaded" failures are refusals.
        var tgi = Read(ExporterFixtures.Tgi);
        Assert.Equal((16.0, 5.0, 0.25, 3.0), (tgi[ServerQuantity.Running], tgi[ServerQuantity.Waiting], tgi[ServerQuantity.KvCacheUsage], tgi[ServerQuantity.Rejections]));
        Assert.Equal(1200, tgi.QueueTime!.Count);

        var llama = Read(ExporterFixtures.LlamaCpp);
        Assert.Equal((2.0, 1.0, 0.63), (llama[ServerQuantity.Running], llama[ServerQuantity.Waiting], llama[ServerQuantity.KvCacheUsage]));

        // Two GPUs: utilisation is their mean, memory and power their sum, temperature the hotter; reason 1 is idle, 4 is a power cap.
        var dcgm = Read(ExporterFixtures.Dcgm);
        Assert.Equal(80.0, dcgm[ServerQuantity.GpuUtilization]);
        Assert.Equal(130_000.0, dcgm[ServerQuantity.GpuMemoryUsed]);
        Assert.Equal(600.0, dcgm[ServerQuantity.GpuPower]);
        Assert.Equal(71.0, dcgm[ServerQuantity.GpuTemperature]);
        Assert.Equal(1.0, dcgm[ServerQuantity.GpusThrottled]);
    }

    private static ServerReading Read(string text) => ServerReading.From(ExpositionParser.Parse(text), 0);

    private static string Describe(string name, IReadOnlyDictionary<string, string> labels, double value, double? timestampSeconds)
        => $"{name}{{{string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}}} {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} {timestampSeconds?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The built-in simulator's own /metrics, after a few requests, as llmload scrapes it by default.</summary>
    private static string SimulatorExposition(LlmLoad.Simulator.Metrics.MetricsFlavor flavor = LlmLoad.Simulator.Metrics.MetricsFlavor.Vllm)
    {
        var metrics = new LlmLoad.Simulator.Metrics.ServerMetrics(() => new(3, 2, 0.5, 2000, 4000), "sim \"model\"", flavor: flavor);
        metrics.RequestFinished("stop", 0.4, 0.5, 1.2, generatedTokens: 8);
        metrics.QueueFull();
        metrics.TokenSent(0.00001, 0.02);
        return metrics.Render();
    }
}
