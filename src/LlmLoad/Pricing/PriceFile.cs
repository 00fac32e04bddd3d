namespace LlmLoad.Pricing;

/// <summary>
/// A pricing file in YAML: <c>models:</c>, then per model name its prices in USD per 1M tokens and where they come from.
/// The built-in table is such a file, embedded; a user's file has the same shape and overrides or extends it.
/// </summary>
/// <example>
/// <code>
/// models:
///   my-finetune:
///     input: 3.00          # USD per 1M uncached input tokens
///     cached_input: 1.50   # optional; without it cached tokens cost the input price
///     output: 12.00        # USD per 1M output tokens
///     source: our contract, 2026-09
///     as_of: 2026-09-01    # optional
/// </code>
/// </example>
internal static class PriceFile
{
    public const string Section = "models";

    private static readonly string[] Fields = ["input", "cached_input", "output", "source", "as_of"];

    public static IReadOnlyList<ModelPrice> Load(string path, List<string> errors)
    {
        if (!File.Exists(path))
        {
            errors.Add($"{path}: pricing file not found");
            return [];
        }

        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path), $"pricing file {Path.GetFileName(path)}", errors);
    }

    /// <param name="name">How errors name the file.</param>
    /// <param name="defaultSource">The source of entries that do not name one.</param>
    public static IReadOnlyList<ModelPrice> Read(TextReader reader, string name, string defaultSource, List<string> errors)
    {
        var prices = new List<ModelPrice>();
        foreach (var entry in YamlTableFile.LoadSection(reader, name, "pricing", Section, errors))
        {
            if (Price(entry, defaultSource, errors) is { } price)
            {
                prices.Add(price);
            }
        }

        return prices;
    }

    private static ModelPrice? Price(YamlEntry entry, string defaultSource, List<string> errors)
    {
        var fields = entry.Fields(Fields, errors);
        if (fields is null)
        {
            return null;
        }

        var input = entry.Number(fields, "input", "the price in USD per 1M input tokens", errors);
        var cachedInput = fields.ContainsKey("cached_input") ? entry.Number(fields, "cached_input", "the price in USD per 1M cached input tokens", errors) : input;
        var output = entry.Number(fields, "output", "the price in USD per 1M output tokens", errors);
        var source = entry.Text(fields, "source", errors) ?? defaultSource;
        var asOf = entry.Date(fields, "as_of", errors);
        return input is { } i && cachedInput is { } c && output is { } o ? new ModelPrice(entry.Name, i, c, o, source, asOf) : null;
    }
}
