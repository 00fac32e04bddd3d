using LlmLoad.Estimate;
using LlmLoad.Providers.Formats;
using LlmLoad.Shared;
using LlmLoad.Tests.Support;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Scenario;

public sealed class EmbeddingsOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-embeddings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Build_EmbeddingsScenario_ReadsBatchDimensionsEncodingAndAnInputOnlyPrice()
    {
        var path = Path.Combine(_directory, "embeddings.yaml");
        File.WriteAllText(path, """
            target:
              provider: openai-embeddings
              dimensions: 256
              encoding_format: base64
            workload:
              batch_size: 8
            pricing:
              input: 0.02
            """);

        var options = OptionsFromSettings.Build(path, new ScenarioSettings(), out var errors);

        Assert.Empty(errors);
        Assert.Equal(new OpenAiEmbeddingsFormat(8, 256, "base64"), options!.Format);
        Assert.False(options.Stream);
        Assert.Equal(0.02m, options.Cost.Price!.InputPerMillion);
        Assert.Equal(0m, options.Cost.Price.OutputPerMillion);
    }

    [Fact]
    public void Build_InputPriceAloneForAGeneratingProvider_StillAsksForBoth()
    {
        var flags = new ScenarioSettings();
        flags.Set("input-price", new Setting("3", "--input-price"));

        OptionsFromSettings.Build(null, flags, out var errors);

        Assert.Contains(errors, e => e.StartsWith("--input-price: give both the input and the output price", StringComparison.Ordinal));
    }

    [Fact]
    public void Estimate_EmbeddingsBatch_SendsEveryInputsTokensAndNoOutput()
    {
        var options = OptionsFromSettings.Build(null, Flags(("provider", "openai-embeddings"), ("batch-size", "4"), ("input-tokens", "100"), ("requests", "10"), ("concurrency", "1")), out var errors)!;

        var estimate = RunEstimator.Estimate(options);

        Assert.Empty(errors);
        Assert.Equal((400m, 0m), estimate.PerRequest);
    }

    [Fact]
    public void CreateBatch_FourInputs_DrawsFourPromptsOfTheWorkloadsLength()
    {
        var source = new PromptSource(new WorkloadSpec { Input = new LengthDistribution.Fixed(50) }, seed: 1, TokenCounter.Default);

        var plan = source.CreateBatch(3, 4);

        Assert.Equal(4, plan.Inputs);
        Assert.Equal(4, plan.Turns.Count);
        Assert.All(plan.Turns, t => Assert.Equal(50, TokenCounter.Default.Count(t.Content)));
        Assert.Equal(4, plan.Turns.Select(t => t.Content).Distinct().Count());
        Assert.Equal(200, plan.InputTokens);
        Assert.Equal(0, plan.MaxOutputTokens);
    }

    private static ScenarioSettings Flags(params (string Key, string Value)[] values)
    {
        var flags = new ScenarioSettings();
        foreach (var (key, value) in values)
        {
            flags.Set(key, new Setting(value, "--" + key));
        }

        return flags;
    }
}
