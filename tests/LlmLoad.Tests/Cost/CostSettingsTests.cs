using LlmLoad.Cost;
using LlmLoad.Options;
using LlmLoad.Shared;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cost;

public sealed class CostSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-cost-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Build_ListedModelSnapshot_PricedAsItsBaseModel()
    {
        var options = Build(null, Flags(("model", "gpt-4o-2024-08-06"), ("url", "http://127.0.0.1:1/v1")), out var errors);

        Assert.Empty(errors);
        Assert.Equal("gpt-4o", options!.Cost.Price!.Model);
        Assert.Equal(2.5m, options.Cost.Price.InputPerMillion);
        Assert.Equal("2026-04-21", options.Cost.Price.AsOf);
    }

    [Fact]
    public void Build_ExplicitPrices_WinOverTheTableAndDefaultCachedToInput()
    {
        var options = Build(null, Flags(("model", "gpt-4o"), ("input-price", "3"), ("output-price", "15")), out var errors);

        Assert.Empty(errors);
        Assert.Equal((3m, 3m, 15m), (options!.Cost.Price!.InputPerMillion, options.Cost.Price.CachedInputPerMillion, options.Cost.Price.OutputPerMillion));
        Assert.Equal(CostSettingsBuilder.GivenPricesSource, options.Cost.Price.Source);
    }

    [Fact]
    public void Build_UnknownModelWithoutSettings_IsUnpricedNotAnError()
    {
        var options = Build(null, Flags(("model", "my-finetune")), out var errors);

        Assert.Empty(errors);
        Assert.Null(options!.Cost.Price);
        Assert.Contains("'my-finetune'", options.Cost.Unpriced);
    }

    [Fact]
    public void Build_BadPrices_EachNamedWithItsOption()
    {
        Build(null, Flags(("input-price", "-1"), ("output-price", "abc"), ("cached-input-price", "-0.5"), ("budget-usd", "0"), ("target-rate", "-3")), out var errors);

        Assert.Contains(errors, e => e.StartsWith("--input-price: expected USD per 1M input tokens, a number at least 0, got '-1'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--output-price:", StringComparison.Ordinal) && e.Contains("'abc'"));
        Assert.Contains(errors, e => e.StartsWith("--cached-input-price:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--budget-usd: expected a budget in USD above 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--target-rate:", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_OnePriceWithoutTheOther_AsksForBoth()
    {
        Build(null, Flags(("model", "gpt-4o"), ("output-price", "15")), out var errors);

        Assert.Contains(errors, e => e.StartsWith("--output-price: give both the input and the output price", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_BudgetForUnknownModel_NamesTheModelAndHowToAddAPrice()
    {
        Build(null, Flags(("model", "my-finetune"), ("budget-usd", "5")), out var errors);

        var error = Assert.Single(errors);
        Assert.StartsWith("--budget-usd: a budget needs a price for the run's model: no price for model 'my-finetune'", error, StringComparison.Ordinal);
        Assert.Contains("--pricing FILE", error);
        Assert.Contains("--input-price and --output-price", error);
    }

    [Fact]
    public void Build_PricingFileWithoutTheModel_IsAnErrorNamingTheModel()
    {
        var file = Write("prices.yaml", "models:\n  other:\n    input: 1\n    output: 2\n");

        Build(null, Flags(("model", "my-finetune"), ("pricing", file)), out var errors);

        Assert.Contains(errors, e => e.StartsWith("--pricing: no price for model 'my-finetune'", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ScenarioPricingSectionAndBudget_FileRelativeToTheScenario()
    {
        Write("prices.yaml", "models:\n  my-finetune:\n    input: 1.5\n    cached_input: 0.5\n    output: 6\n    as_of: 2026-05-01\n");
        var scenario = Write("scenario.yaml", """
            target:
              model: my-finetune
            pricing:
              file: prices.yaml
              target_rate: 12.5
            limits:
              requests: 10
              budget_usd: 2.50
            """);

        var options = Build(scenario, new ScenarioSettings(), out var errors);

        Assert.Empty(errors);
        Assert.Equal((1.5m, 0.5m, 6m), (options!.Cost.Price!.InputPerMillion, options.Cost.Price.CachedInputPerMillion, options.Cost.Price.OutputPerMillion));
        Assert.Equal(2.50m, options.Cost.BudgetUsd);
        Assert.Equal(12.5m, options.Cost.TargetRate);
    }

    [Fact]
    public void Build_ScenarioNegativePrice_PointsAtTheLine()
    {
        var scenario = Write("bad.yaml", "target:\n  model: gpt-4o\npricing:\n  input: -3\n  output: 15\n");

        Build(scenario, new ScenarioSettings(), out var errors);

        Assert.Contains(errors, e => e.StartsWith("bad.yaml:4: pricing.input: expected USD per 1M input tokens", StringComparison.Ordinal));
    }

    private static ScenarioSettings Flags(params (string Key, string Value)[] values)
    {
        var settings = new ScenarioSettings();
        foreach (var (key, value) in values)
        {
            settings.Set(key, new Setting(value, "--" + key));
        }

        return settings;
    }

    private static RunOptions? Build(string? path, ScenarioSettings flags, out List<string> errors)
        => OptionsFromSettings.Build(path, flags, out errors);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
