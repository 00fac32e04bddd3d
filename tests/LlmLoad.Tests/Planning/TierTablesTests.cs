using LlmLoad.Planning;

namespace LlmLoad.Tests.Planning;

public sealed class TierTablesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-tiers-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("gpt-4o", "openai-gpt-4o")]
    [InlineData("gpt-4o-2024-08-06", "openai-gpt-4o")]
    [InlineData("gpt-4o-mini", "openai-gpt-4o-mini")]
    [InlineData("claude-opus-4-1", "anthropic-sonnet-opus-4")]
    [InlineData("claude-haiku-4-5-20251001", "anthropic-haiku-4-5")]
    [InlineData("gpt-4.1", null)]
    public void BuiltIn_Find_PicksTheTableCoveringTheModel(string model, string? table)
    {
        Assert.Equal(table, TierTables.BuiltIn.Find(model)?.Name);
    }

    [Fact]
    public void BuiltIn_GptFourO_HasTheReferenceLimits()
    {
        var tiers = TierTables.BuiltIn.Find("gpt-4o")!.Tiers;

        Assert.Equal(["Tier 1", "Tier 2", "Tier 3", "Tier 4", "Tier 5"], tiers.Select(t => t.Name));
        Assert.Equal((500m, 30_000m), (tiers[0].RequestsPerMinute, tiers[0].TokensPerMinute));
        Assert.Equal((10_000m, 30_000_000m), (tiers[4].RequestsPerMinute, tiers[4].TokensPerMinute));
    }

    [Fact]
    public void Load_TiersFile_ItsTableWinsForTheModelsItCovers()
    {
        var path = Write("tiers.yaml", """
            tables:
              our-gateway:
                models: [gpt-4o, my-finetune]
                source: gateway quota
                as_of: 2026-09-01
                tiers:
                  standard: { rpm: 3000, tpm: 1000000 }
                  premium:
                    rpm: 10000
                    input_tpm: 4000000
                    output_tpm: 800000
            """);
        var errors = new List<string>();

        var tables = TierTables.Load(path, errors);

        Assert.Empty(errors);
        var table = tables.Find("gpt-4o-2024-08-06")!;
        Assert.Equal(("our-gateway", "gateway quota", "2026-09-01"), (table.Name, table.Source, table.AsOf));
        Assert.Equal(800_000m, table.Tiers[1].OutputTokensPerMinute);
        Assert.Null(table.Tiers[1].TokensPerMinute);
        Assert.Equal("our-gateway", tables.Find("my-finetune")?.Name);
        Assert.Equal("openai-gpt-4o-mini", tables.Find("gpt-4o-mini")?.Name);
    }

    [Fact]
    public void Load_BadTables_EachErrorNamesFileLineAndField()
    {
        var path = Write("tiers.yaml", """
            tables:
              no-models:
                tiers:
                  one: { rpm: 10 }
              bad-limits:
                models: m
                tiers:
                  zero: { rpm: 0 }
                  empty: {}
                  typo: { rps: 5 }
              no-tiers:
                models: [m]
            """);
        var errors = new List<string>();

        TierTables.Load(path, errors);

        Assert.Equal(
        [
            "tiers.yaml:2: tables.no-models: missing models (the models the table covers, e.g. [gpt-4o] or [claude-sonnet-4*])",
            "tiers.yaml:8: tables.bad-limits.tiers.zero.rpm: expected requests per minute, a number above 0, got '0'",
            "tiers.yaml:9: tables.bad-limits.tiers.empty: expected at least one limit (rpm, tpm, input_tpm, output_tpm)",
            "tiers.yaml:10: tables.bad-limits.tiers.typo.rps: unknown field; expected one of: rpm, tpm, input_tpm, output_tpm",
            "tiers.yaml:10: tables.bad-limits.tiers.typo: expected at least one limit (rpm, tpm, input_tpm, output_tpm)",
            "tiers.yaml:11: tables.no-tiers: missing tiers (a mapping of tier names to limits, smallest first)",
        ], errors);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
