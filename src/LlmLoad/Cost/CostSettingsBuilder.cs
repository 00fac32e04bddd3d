using System.Globalization;
using LlmLoad.Pricing;
using LlmLoad.Shared;

namespace LlmLoad.Cost;

/// <summary>
/// Reads the cost settings of a run: explicit prices (<c>--input-price</c>, <c>--cached-input-price</c>,
/// <c>--output-price</c>, or the scenario's <c>pricing:</c> section) win over a pricing file (<c>--pricing</c>,
/// <c>pricing.file</c>), which wins over the built-in table. Prices are USD per 1M tokens, the units of <c>llmload plan</c>.
/// </summary>
internal sealed class CostSettingsBuilder(ScenarioSettings settings, List<string> errors)
{
    /// <summary>Where explicit prices come from, in a price's source.</summary>
    public const string GivenPricesSource = "--input-price, --output-price";

    /// <summary>
    /// The API bills input tokens only (embeddings): <c>--input-price</c> alone prices the run, its output price 0.
    /// </summary>
    public bool InputOnly { get; init; }

    public CostSettings Build(string model, string? scenarioPath)
    {
        var price = Price(model, scenarioPath, out var unpriced);
        var budget = Number("budget-usd", "a budget in USD above 0, e.g. 5 or 12.50", exclusive: true);
        var targetRate = Number("target-rate", "requests per second to project the cost to, above 0", exclusive: true);
        if (budget is not null && price is null && unpriced is not null)
        {
            errors.Add($"{settings["budget-usd"]!.Label}: a budget needs a price for the run's model: {unpriced}");
        }

        return new CostSettings(price, unpriced, budget, targetRate);
    }

    private ModelPrice? Price(string model, string? scenarioPath, out string? unpriced)
    {
        unpriced = null;
        var input = Number("input-price", "USD per 1M input tokens, a number at least 0");
        var cached = Number("cached-input-price", "USD per 1M cached input tokens, a number at least 0");
        var output = Number("output-price", "USD per 1M output tokens, a number at least 0");
        var file = settings["pricing"];
        var table = PriceTable.Load(file is null ? null : file.PathFrom(scenarioPath), errors);
        switch (settings["input-price"], settings["output-price"])
        {
            case ({ } inputSetting, { }):
                var source = inputSetting.Label.StartsWith("--", StringComparison.Ordinal) ? GivenPricesSource : "scenario pricing.input, pricing.output";
                return input is { } i && output is { } o ? new ModelPrice(model, i, cached ?? i, o, source, null) : null;
            case ({ } inputSetting, null) when InputOnly:
                var inputSource = inputSetting.Label.StartsWith("--", StringComparison.Ordinal) ? "--input-price" : "scenario pricing.input";
                return input is { } alone ? new ModelPrice(model, alone, cached ?? alone, 0, inputSource, null) : null;
            case (var one, var other) when (one ?? other) is { } given:
                errors.Add($"{given.Label}: give both the input and the output price, in USD per 1M tokens (e.g. --input-price 3 --output-price 15)");
                return null;
        }

        if (settings["cached-input-price"] is { } cachedSetting)
        {
            errors.Add($"{cachedSetting.Label}: a cached-input price goes with --input-price and --output-price (or pricing.input and pricing.output)");
        }

        if (table.Find(model) is { } listed)
        {
            return listed;
        }

        unpriced = table.NoPriceError(model);
        if (file is not null)
        {
            // A pricing file says the user wants this run priced: a model it does not cover is a mistake, not a free run.
            errors.Add($"{file.Label}: {unpriced}");
        }

        return null;
    }

    private decimal? Number(string key, string expected, bool exclusive = false)
    {
        if (settings[key] is not { } setting)
        {
            return null;
        }

        var text = setting.Value.StartsWith('$') ? setting.Value[1..] : setting.Value;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            && value >= 0 && !(exclusive && value == 0))
        {
            return value;
        }

        errors.Add($"{setting.Label}: expected {expected}, got '{setting.Value}'");
        return null;
    }
}
