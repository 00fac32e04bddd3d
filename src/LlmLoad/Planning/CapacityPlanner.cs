using LlmLoad.Pricing;
using LlmLoad.Shared;
using LlmLoad.Traffic;
using static LlmLoad.Planning.PlanNumbers;

namespace LlmLoad.Planning;

/// <summary>Capacity and cost planning as pure arithmetic on <see cref="PlanInputs"/>; docs/planning.md explains each step.</summary>
internal static class CapacityPlanner
{
    /// <summary>The levels of load a plan has, by their name in plan.json, in order.</summary>
    public static IReadOnlyList<string> LevelKeys { get; } = ["peak", "with_headroom", "with_headroom_and_growth"];

    public static CapacityPlan Plan(PlanInputs inputs)
    {
        var levels = inputs.RequestsPerSecond is { } rate ? MeasuredPlanning.Extend(Levels(inputs, rate), inputs) : [];
        var cost = inputs.Price is { } price ? Cost(inputs, price) : null;
        return new CapacityPlan(inputs, levels, cost, Assumptions(inputs));
    }

    private static PlannedLevel[] Levels(PlanInputs inputs, decimal rate)
    {
        // Little's law: requests in flight = arrival rate × time each spends in the system.
        var peak = new LoadLevel(rate, rate * 60 * inputs.InputTokens, rate * 60 * inputs.OutputTokens, rate * inputs.ResponseTime?.Seconds);
        var withHeadroom = peak.Times(1 + inputs.Headroom);
        var withGrowth = withHeadroom.Times(inputs.Growth);
        return
        [
            Level(LevelKeys[0], "peak", peak, inputs.Tiers),
            Level(LevelKeys[1], $"+{Percent(inputs.Headroom)} headroom", withHeadroom, inputs.Tiers),
            Level(LevelKeys[2], $"+{Percent(inputs.Headroom)}, {Factor(inputs.Growth)} growth", withGrowth, inputs.Tiers),
        ];
    }

    private static PlannedLevel Level(string key, string label, LoadLevel load, TierTable? tiers) => new(key, label, load, tiers?.SmallestFitting(load));

    private static PlannedCost Cost(PlanInputs inputs, ModelPrice price)
    {
        var perRequest = price.Cost(inputs.InputTokens - inputs.CachedInputTokens, inputs.CachedInputTokens, inputs.OutputTokens);
        var peakPerHour = inputs.RequestsPerSecond is { } rate ? perRequest.Times(rate * 3600) : (TokenCost?)null;
        return new PlannedCost(price, perRequest, peakPerHour, peakPerHour?.Times(inputs.Growth), inputs.Requests is { } n ? perRequest.Times(n) : null);
    }

    private static List<string> Assumptions(PlanInputs inputs)
    {
        var assumptions = new List<string>(MeasuredPlanning.Basis(inputs))
        {
            $"every request has the average tokens: {Count(inputs.InputTokens)} input + {Count(inputs.OutputTokens)} output",
        };
        if (inputs.RequestsPerSecond is not null)
        {
            assumptions.Add("requests/min = rate × 60; tokens/min = rate × 60 × (input + output tokens)");
            assumptions.Add(inputs.ResponseTime switch
            {
                { Statistic: ResponseTimeStatistic.Mean } => "concurrency = rate × mean response time (Little's law): the average number in flight; bursts go above it, which the headroom covers",
                { Statistic: ResponseTimeStatistic.P95 } => "concurrency = rate × P95 response time: Little's law with the slow tail's time, above the average in flight on purpose",
                _ => "no response time given (--mean-response-time or --p95-response-time): concurrency not computed",
            });
            assumptions.Add($"headroom {Percent(inputs.Headroom)}{Default(inputs.Headroom == PlanInputs.DefaultHeadroom)}: capacity = need × {Count(1 + inputs.Headroom)}, spare for bursts and slow periods");
            assumptions.Add($"growth {Factor(inputs.Growth)}{Default(inputs.Growth == PlanInputs.DefaultGrowth)}: the peak expected at the planning horizon (the default assumes doubling over about 6 months)");
            assumptions.Add(TierAssumption(inputs));
            assumptions.AddRange(MeasuredPlanning.Capacity(inputs));
        }

        if (inputs.Price is { } price)
        {
            var given = price.Source == PlanInputsBuilder.GivenPricesSource;
            assumptions.Add($"price{(given ? "" : " of " + price.Model)}: {Usd(price.InputPerMillion)} input, {Usd(price.OutputPerMillion)} output per 1M tokens; source: {price.Source}{(price.AsOf is null ? "" : $", as of {price.AsOf}")}");
            assumptions.Add(inputs.CachedInputTokens > 0
                ? $"{Count(inputs.CachedInputTokens)} of the {Count(inputs.InputTokens)} input tokens per request were read from the prompt cache in the run and are billed at the cached-input price, {Usd(price.CachedInputPerMillion)} per 1M"
                : "no input tokens are served from a prompt cache: all are billed at the input price");
            if (inputs.RequestsPerSecond is not null)
            {
                assumptions.Add($"cost per month = the peak rate held for all {Count(PlannedCost.HoursPerMonth)} hours (8,760 / 12): an upper bound; headroom is spare capacity and is not billed");
            }
        }
        else if (inputs.Measured is not null)
        {
            assumptions.Add(MeasuredPlanning.NoPrice(inputs));
        }
        else
        {
            assumptions.Add("no --model and no --input-price/--output-price: cost not computed");
        }

        return assumptions;
    }

    private static string TierAssumption(PlanInputs inputs) => (inputs.Model, inputs.Tiers) switch
    {
        (null, _) => "no --model: no rate-limit tier looked up",
        (var model, null) => $"no tier table covers {model}: tier not looked up (add one with --tiers FILE, see docs/planning.md)",
        (_, var table) => $"tiers: {table.Name}, the smallest tier whose every limit covers the need; source: {table.Source}{(table.AsOf is null ? " (undated)" : $", as of {table.AsOf}")}. "
                          + "Providers count max_tokens, not the tokens generated, when they admit a request (OpenAI's TPM, Anthropic's OTPM estimate), so a max_tokens above the average output needs a larger tier",
    };

    private static string Default(bool isDefault) => isDefault ? " (default)" : "";
}
