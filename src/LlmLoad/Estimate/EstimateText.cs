using System.Globalization;
using System.Text;
using LlmLoad.Shared;

namespace LlmLoad.Estimate;

/// <summary><c>llmload estimate</c>'s text output.</summary>
internal static class EstimateText
{
    public static string Format(RunEstimate estimate)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"estimate for model {estimate.Model} (nothing sent)"));
        text.AppendLine(estimate.Requests is { } requests
            ? Invariant($"  requests       {Tokens(requests)}   ({estimate.RequestsBasis})")
            : "  requests       unknown");
        text.AppendLine(Invariant($"  per request    {estimate.PerRequest.Input:#,0.#} input + {estimate.PerRequest.Output:#,0.#} output tokens{(estimate.PerRequestCostUsd is { } c ? ", " + Usd.Format(c) : "")}"));
        if (estimate.InputTokens is { } input && estimate.OutputTokens is { } output)
        {
            text.AppendLine(Invariant($"  input tokens   {Tokens(input)}"));
            text.AppendLine(Invariant($"  output tokens  {Tokens(output)}"));
        }

        if (estimate.Price is { } price)
        {
            text.AppendLine(Invariant($"  price          {price.Model}: ${price.InputPerMillion} input, ${price.CachedInputPerMillion} cached input, ${price.OutputPerMillion} output per 1M tokens ({price.Source}{(price.AsOf is { } asOf ? ", as of " + asOf : "")})"));
        }

        if (estimate.CostUsd is { } cost)
        {
            text.AppendLine(Invariant($"  cost           {Usd.Format(cost.Expected)} expected (low {Usd.Format(cost.Low)}, high {Usd.Format(cost.High)})"));
        }

        if (estimate.BudgetUsd is { } cap)
        {
            text.AppendLine(estimate.ExceedsBudget switch
            {
                true => Invariant($"  budget         {Usd.Format(cap)}: the expected cost exceeds it; run refuses to start without --yes"),
                false => Invariant($"  budget         {Usd.Format(cap)}: the expected cost fits{(estimate.CostUsd is { } c2 && c2.High > cap ? "; the high case does not, so the run may stop on budget" : "")}"),
                null => Invariant($"  budget         {Usd.Format(cap)}: no expected cost to compare; the run stops when its cap is reached"),
            });
        }

        text.AppendLine("assumptions:");
        foreach (var note in estimate.Notes)
        {
            text.AppendLine("  - " + note);
        }

        return text.ToString();
    }

    private static string Tokens(EstimateRange range) => range.Low == range.High
        ? Invariant($"{range.Expected:#,0}")
        : Invariant($"{range.Expected:#,0} (low {range.Low:#,0}, high {range.High:#,0})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
