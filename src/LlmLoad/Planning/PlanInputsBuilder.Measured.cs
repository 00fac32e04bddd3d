using static LlmLoad.Planning.PlanNumbers;

namespace LlmLoad.Planning;

/// <summary><c>llmload plan --from DIR</c>: the plan's figures come from a measured run, the target and the policy from options.</summary>
internal sealed partial class PlanInputsBuilder
{
    /// <summary>The options that name the load to plan for from a run.</summary>
    private static readonly string[] TargetOptions = ["target-rate", "target-rpm"];

    /// <summary>Calculator options whose figure a run measures, and which one replaces each.</summary>
    private static readonly (string Option, string Instead)[] MeasuredOptions =
    [
        ("rate", "give the load to plan for as --target-rate (or --target-rpm)"),
        ("input-tokens", "the run measured the tokens per request"),
        ("output-tokens", "the run measured the tokens per request"),
        ("mean-response-time", "the run measured the response time"),
        ("p95-response-time", "the run measured the response time"),
    ];

    private PlanInputs? BuildFromRun(string directory)
    {
        foreach (var (option, instead) in MeasuredOptions.Where(o => values.ContainsKey(o.Option)))
        {
            _errors.Add($"--{option}: not with --from: {instead}");
        }

        var target = Target();
        var requests = Requests();
        var headroom = Headroom();
        var growth = Growth();
        var measured = MeasuredResults.Read(directory, _errors);
        var model = values.GetValueOrDefault("model") ?? measured?.Run.Model;
        // A model the user names must have a price; the run's own model (the simulator's llmload-sim) just leaves cost unknown.
        var price = Price(model, modelNeedsPrice: values.ContainsKey("model"));
        var tiers = model is null ? null : TierTables.Load(values.GetValueOrDefault("tiers"), _errors).Find(model);
        if (_errors.Count > 0 || measured is null)
        {
            return null;
        }

        var run = measured.Run;
        var (rate, targetFrom) = target ?? (run.RequestsPerSecond, $"the run's achieved throughput ({run.File} throughput.requests_per_s); give --target-rate for your own peak");
        if (rate is not > 0)
        {
            _errors.Add($"--target-rate: required: {run.File} has no throughput.requests_per_s above 0 to plan for; give the peak to plan for, e.g. --target-rate 100");
            return null;
        }

        return new PlanInputs
        {
            RequestsPerSecond = rate,
            InputTokens = run.InputTokens,
            CachedInputTokens = run.CachedInputTokens,
            OutputTokens = run.OutputTokens,
            ResponseTime = new ResponseTime(run.MeanResponseSeconds, ResponseTimeStatistic.Mean),
            Requests = requests,
            Headroom = headroom,
            Growth = growth,
            Model = model,
            Price = price,
            Tiers = tiers,
            Measured = measured,
            TargetFrom = targetFrom,
        };
    }

    /// <summary>--target-rate R or --target-rpm N (one or neither), as requests per second and where it came from.</summary>
    private (decimal? Rate, string From)? Target()
    {
        if (values.ContainsKey("target-rate") && values.ContainsKey("target-rpm"))
        {
            _errors.Add("--target-rate, --target-rpm: give one or the other");
            return null;
        }

        if (Number("target-rate", "the peak requests per second to plan for", exclusive: true) is { } rate)
        {
            return (rate, "--target-rate");
        }

        if (Number("target-rpm", "the peak requests per minute to plan for", exclusive: true) is { } rpm)
        {
            return (rpm / 60, $"--target-rpm {Count(rpm)} ÷ 60");
        }

        return null;
    }
}
