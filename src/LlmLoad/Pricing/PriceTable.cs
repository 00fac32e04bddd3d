using System.Reflection;

namespace LlmLoad.Pricing;

/// <summary>
/// Model prices by name: the built-in table (<c>Pricing/prices.yaml</c>, embedded), overridden or extended by a user's
/// pricing file. A dated snapshot or a <c>provider/</c>-prefixed name is priced as its base model unless listed itself.
/// </summary>
internal sealed class PriceTable
{
    /// <summary>Where users are told to put a price the table lacks.</summary>
    public const string HowToAddPrice =
        "add it to a pricing file given with --pricing FILE (YAML: 'models:', then the model's name with input, output and optionally cached_input, in USD per 1M tokens; see docs/planning.md), or give its prices with --input-price and --output-price";

    private const string ResourceName = "LlmLoad.Pricing.prices.yaml";

    private readonly Dictionary<string, ModelPrice> _byName;

    private PriceTable(Dictionary<string, ModelPrice> byName) => _byName = byName;

    /// <summary>The prices shipped with llmload; each entry names its source and date.</summary>
    public static PriceTable BuiltIn { get; } = LoadBuiltIn();

    /// <summary>Every listed price, ordered by model name.</summary>
    public IReadOnlyList<ModelPrice> Prices => _byName.Values.OrderBy(p => p.Model, StringComparer.Ordinal).ToArray();

    /// <summary>The built-in table, overridden and extended by <paramref name="pricingFile"/> when one is given.</summary>
    public static PriceTable Load(string? pricingFile, List<string> errors)
        => pricingFile is null ? BuiltIn : BuiltIn.With(PriceFile.Load(pricingFile, errors));

    /// <summary>This table with <paramref name="overrides"/> replacing the entries of the same name and adding the others.</summary>
    public PriceTable With(IEnumerable<ModelPrice> overrides)
    {
        var byName = new Dictionary<string, ModelPrice>(_byName, StringComparer.OrdinalIgnoreCase);
        foreach (var price in overrides)
        {
            byName[price.Model] = price;
        }

        return new PriceTable(byName);
    }

    /// <summary>The price of <paramref name="model"/>, or null when neither its name nor its base name is listed.</summary>
    public ModelPrice? Find(string model)
    {
        foreach (var name in ModelNames.Candidates(model))
        {
            if (_byName.TryGetValue(name, out var price))
            {
                return price;
            }
        }

        return null;
    }

    /// <summary>The error for a model <see cref="Find"/> does not know: names it, the models that are known, and how to add a price.</summary>
    public string NoPriceError(string model)
        => $"no price for model '{model}': it is not in the price table ({string.Join(", ", Prices.Select(p => p.Model))}); {HowToAddPrice}";

    private static PriceTable LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in price table {ResourceName} is not embedded.");
        using var reader = new StreamReader(stream);
        var errors = new List<string>();
        var prices = PriceFile.Read(reader, "built-in prices.yaml", "built-in", errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The built-in price table is invalid: {string.Join("; ", errors)}");
        }

        return new PriceTable(new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)).With(prices);
    }
}
