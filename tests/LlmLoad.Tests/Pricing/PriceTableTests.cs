using LlmLoad.Pricing;

namespace LlmLoad.Tests.Pricing;

public sealed class PriceTableTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-pricing-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    // Figures from LiteLLM's price list as the reference (wire-formats.md, section 7) quotes it, × 1M.
    [InlineData("gpt-4o", "2.5", "1.25", "10")]
    [InlineData("gpt-4o-mini", "0.15", "0.075", "0.6")]
    [InlineData("gpt-4.1", "2", "0.5", "8")]
    [InlineData("o4-mini", "1.1", "0.275", "4.4")]
    [InlineData("claude-sonnet-4-5", "3", "0.3", "15")]
    [InlineData("claude-opus-4-1", "15", "1.5", "75")]
    [InlineData("gemini-2.5-flash", "0.3", "0.03", "2.5")]
    public void BuiltIn_KnownModel_HasTheReferencePrices(string model, string input, string cachedInput, string output)
    {
        var price = PriceTable.BuiltIn.Find(model);

        Assert.NotNull(price);
        Assert.Equal(decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture), price.InputPerMillion);
        Assert.Equal(decimal.Parse(cachedInput, System.Globalization.CultureInfo.InvariantCulture), price.CachedInputPerMillion);
        Assert.Equal(decimal.Parse(output, System.Globalization.CultureInfo.InvariantCulture), price.OutputPerMillion);
    }

    [Fact]
    public void BuiltIn_EveryEntry_NamesItsSourceAndDate()
    {
        Assert.True(PriceTable.BuiltIn.Prices.Count >= 10);
        Assert.All(PriceTable.BuiltIn.Prices, p =>
        {
            Assert.Contains("LiteLLM", p.Source, StringComparison.Ordinal);
            Assert.Equal("2026-04-21", p.AsOf);
        });
    }

    [Theory]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("claude-haiku-4-5-latest", "claude-haiku-4-5")]
    [InlineData("openai/gpt-4.1-mini", "gpt-4.1-mini")]
    [InlineData("GPT-4o", "gpt-4o")]
    public void Find_SnapshotOrPrefixedName_PricedAsItsBaseModel(string asked, string listed)
    {
        Assert.Equal(listed, PriceTable.BuiltIn.Find(asked)?.Model);
    }

    [Theory]
    [InlineData("llama-3-70b")]
    [InlineData("gpt-4o-turbo")]
    [InlineData("gpt-4")]
    public void Find_UnknownModel_IsNullAndTheErrorSaysHowToAddAPrice(string model)
    {
        Assert.Null(PriceTable.BuiltIn.Find(model));

        var error = PriceTable.BuiltIn.NoPriceError(model);
        Assert.StartsWith($"no price for model '{model}'", error, StringComparison.Ordinal);
        Assert.Contains("--pricing FILE", error, StringComparison.Ordinal);
        Assert.Contains("--input-price and --output-price", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PricingFile_OverridesABuiltInAndAddsAModel()
    {
        var path = Write("prices.yaml", """
            models:
              gpt-4o:
                input: 2.00
                cached_input: 1.00
                output: 8.00
                source: negotiated contract
                as_of: 2026-09-01
              my-finetune:
                input: 0.5
                output: 1.5
            """);
        var errors = new List<string>();

        var table = PriceTable.Load(path, errors);

        Assert.Empty(errors);
        var gpt4o = table.Find("gpt-4o-2024-08-06")!;
        Assert.Equal((2.00m, 1.00m, 8.00m, "negotiated contract", "2026-09-01"), (gpt4o.InputPerMillion, gpt4o.CachedInputPerMillion, gpt4o.OutputPerMillion, gpt4o.Source, gpt4o.AsOf));
        var finetune = table.Find("my-finetune")!;
        Assert.Equal(0.5m, finetune.CachedInputPerMillion); // no cache discount given: cached tokens cost the input price
        Assert.Equal("pricing file prices.yaml", finetune.Source);
        Assert.Equal(15m, table.Find("claude-sonnet-4-5")!.OutputPerMillion);
        Assert.Equal(10m, PriceTable.BuiltIn.Find("gpt-4o")!.OutputPerMillion);
    }

    [Fact]
    public void Load_PricingFileListsASnapshot_TheSnapshotWinsOverItsBaseModel()
    {
        var path = Write("prices.yaml", """
            models:
              gpt-4o-2024-05-13:
                input: 5
                output: 15
            """);

        var table = PriceTable.Load(path, []);

        Assert.Equal(5m, table.Find("gpt-4o-2024-05-13")!.InputPerMillion);
        Assert.Equal(2.5m, table.Find("gpt-4o-2024-08-06")!.InputPerMillion);
    }

    [Fact]
    public void Load_BadEntries_EachErrorNamesFileLineFieldAndWhatWasExpected()
    {
        var path = Write("prices.yaml", """
            models:
              cheap:
                input: -0.5
                output: 1
              half:
                input: 1
              typo:
                input: 1
                ouput: 2
              dated:
                input: 1
                output: two
                as_of: last week
            """);
        var errors = new List<string>();

        PriceTable.Load(path, errors);

        Assert.Equal(
        [
            "prices.yaml:3: models.cheap.input: expected the price in USD per 1M input tokens, a number ≥ 0, got '-0.5'",
            "prices.yaml:5: models.half: missing output (the price in USD per 1M output tokens)",
            "prices.yaml:9: models.typo.ouput: unknown field; expected one of: input, cached_input, output, source, as_of",
            "prices.yaml:7: models.typo: missing output (the price in USD per 1M output tokens)",
            "prices.yaml:12: models.dated.output: expected the price in USD per 1M output tokens, a number ≥ 0, got 'two'",
            "prices.yaml:13: models.dated.as_of: expected a date yyyy-mm-dd, got 'last week'",
        ], errors);
    }

    [Theory]
    [InlineData("models:\n  gpt-4o: {input: 1, output: 2\n", "prices.yaml:3: invalid YAML")]
    [InlineData("prices:\n  gpt-4o: {input: 1, output: 2}\n", "prices.yaml:1: unknown section 'prices'; expected 'models'")]
    [InlineData("models:\n  gpt-4o: 2.5\n", "prices.yaml:2: models.gpt-4o: expected a mapping of fields (input, cached_input, output, source, as_of)")]
    [InlineData("", "prices.yaml: the pricing file is empty; expected a 'models:' section")]
    public void Load_MalformedFile_ErrorNamesFileAndLine(string yaml, string expected)
    {
        var errors = new List<string>();

        PriceTable.Load(Write("prices.yaml", yaml), errors);

        Assert.StartsWith(expected, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysSo()
    {
        var errors = new List<string>();
        var path = Path.Combine(_directory, "nope.yaml");

        PriceTable.Load(path, errors);

        Assert.Equal($"{path}: pricing file not found", Assert.Single(errors));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
