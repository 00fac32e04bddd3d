using System.Globalization;
using System.Text;
using LlmLoad.Pricing;
using LlmLoad.Shared;
using static LlmLoad.Planning.PlanNumbers;

namespace LlmLoad.Planning;

/// <summary>A plan as the console shows it: the inputs, a table of load per level, the cost, the assumptions.</summary>
internal static partial class PlanText
{
    private const int LabelWidth = 22;
    private const int ColumnWidth = 20;

    public static string Format(CapacityPlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading(plan.Inputs));
        AppendMeasured(text, plan.Inputs);
        if (plan.Levels.Count > 0)
        {
            text.AppendLine();
            AppendLevels(text, plan.Levels, plan.Inputs.Tiers);
        }

        if (plan.Cost is { } cost)
        {
            text.AppendLine();
            AppendCost(text, cost, plan.Inputs);
        }
        else if (plan.Inputs.Measured is not null)
        {
            text.AppendLine();
            text.AppendLine("Cost unknown: no price for the model (see the assumptions)");
        }

        if (plan.Lag is { } lag)
        {
            text.AppendLine();
            text.AppendLine(ScalingLagLine(lag));
        }

        text.AppendLine();
        text.AppendLine("Assumptions");
        foreach (var assumption in plan.Assumptions)
        {
            text.AppendLine("  - " + assumption);
        }

        return text.ToString();
    }

    private static string Heading(PlanInputs inputs)
    {
        var parts = new List<string>();
        if (inputs.RequestsPerSecond is { } rate)
        {
            parts.Add($"{Count(rate)} requests/s at peak");
        }

        parts.Add($"{Count(inputs.InputTokens)} input + {Count(inputs.OutputTokens)} output tokens per request");
        if (inputs.ResponseTime is { } time)
        {
            parts.Add($"{time.StatisticName} response time {Seconds(time.Seconds)}");
        }

        if (inputs.Model is { } model)
        {
            parts.Add("model " + model);
        }

        return "Plan for " + string.Join(", ", parts);
    }

    private static void AppendLevels(StringBuilder text, IReadOnlyList<PlannedLevel> levels, TierTable? tiers)
    {
        void Row(string label, Func<PlannedLevel, string> cell)
            => text.AppendLine(label.PadRight(LabelWidth) + string.Concat(levels.Select(l => cell(l).PadLeft(ColumnWidth))));

        Row("", l => l.Label);
        Row("requests/s", l => Count(l.Load.RequestsPerSecond));
        Row("requests/min (RPM)", l => Count(l.Load.RequestsPerMinute));
        Row("tokens/min (TPM)", l => Count(l.Load.TokensPerMinute));
        Row("  input tokens/min", l => Count(l.Load.InputTokensPerMinute));
        Row("  output tokens/min", l => Count(l.Load.OutputTokensPerMinute));
        if (levels[0].Load.Concurrency is not null)
        {
            Row("concurrency", l => Slots(l.Load.Concurrency!.Value));
        }

        if (levels[0].ConcurrencyAtP95 is not null)
        {
            Row("concurrency at P95", l => Slots(l.ConcurrencyAtP95!.Value));
        }

        if (levels[0].Replicas is not null)
        {
            Row("replicas", l => Count(l.Replicas!.Value));
        }

        if (tiers is not null)
        {
            Row("tier", l => l.Tier?.Name ?? $"above {tiers.Tiers[^1].Name}");
            text.AppendLine($"  {tiers.Name} limits, per minute:");
            foreach (var tier in tiers.Tiers)
            {
                text.AppendLine("    " + (tier.Name + ":").PadRight(LabelWidth - 4) + Limits(tier));
            }
        }
    }

    private static string Limits(RateLimitTier tier)
    {
        var limits = new List<string>();
        void Add(decimal? limit, string unit)
        {
            if (limit is { } l)
            {
                limits.Add($"{Count(l)} {unit}");
            }
        }

        Add(tier.RequestsPerMinute, "RPM");
        Add(tier.TokensPerMinute, "TPM");
        Add(tier.InputTokensPerMinute, "ITPM");
        Add(tier.OutputTokensPerMinute, "OTPM");
        return string.Join(", ", limits);
    }

    private static void AppendCost(StringBuilder text, PlannedCost cost, PlanInputs inputs)
    {
        var price = cost.Price;
        var whose = price.Source == PlanInputsBuilder.GivenPricesSource ? "the given" : price.Model;
        text.AppendLine($"Cost at {whose} prices ({Usd(price.InputPerMillion)} input, {Usd(price.OutputPerMillion)} output per 1M tokens)");
        void Row(string label, TokenCost? value)
        {
            if (value is { } v)
            {
                text.AppendLine("  " + label.PadRight(LabelWidth + 8) + Breakdown(v));
            }
        }

        Row("per request", cost.PerRequest);
        Row("at peak, per hour", cost.PeakPerHour);
        Row($"at peak, per month ({Count(PlannedCost.HoursPerMonth)} h)", cost.PeakPerMonth);
        Row($"after {Factor(inputs.Growth)} growth, per hour", cost.GrownPerHour);
        Row($"after {Factor(inputs.Growth)} growth, per month", cost.GrownPerMonth);
        if (inputs.Requests is { } requests)
        {
            Row($"{Count(requests)} requests", cost.ForRequests);
        }
    }

    private static string Breakdown(TokenCost cost)
        => cost.CachedInputUsd == 0
            ? $"{Usd(cost.InputUsd)} input + {Usd(cost.OutputUsd)} output = {Usd(cost.TotalUsd)}"
            : $"{Usd(cost.InputUsd)} input + {Usd(cost.CachedInputUsd)} cached input + {Usd(cost.OutputUsd)} output = {Usd(cost.TotalUsd)}";

    private static string ScalingLagLine(ScalingLag lag)
    {
        var arriving = string.Create(CultureInfo.InvariantCulture, $"Scale-up: {DurationText.Format(lag.ScaleUpTime)} to start a replica at +{lag.RampPerMinute:0.##} req/s per minute brings {lag.ArrivingDuringScaleUp:0.##} req/s more before it serves");
        return lag.HeadroomNeeded is not { } needed
            ? arriving + " (give --rate to compare with the headroom)"
            : arriving + string.Create(CultureInfo.InvariantCulture, $": headroom needed {needed * 100:0.#}% of the peak, planned {lag.Headroom * 100:0.#}%") + (lag.Covered == true ? " (covered)" : ": scale earlier or raise --headroom");
    }
}
