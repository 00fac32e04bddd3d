using LlmLoad.Shared;

using static LlmLoad.Planning.PlanNumbers;

namespace LlmLoad.Planning;

/// <summary>
/// What a plan from a measured run adds to the calculator: concurrency at the measured P95, replicas from a find-limit
/// knee, and the assumptions that come with measured figures. Pure arithmetic, like <see cref="CapacityPlanner"/>.
/// </summary>
internal static class MeasuredPlanning
{
    /// <summary>The levels with <see cref="PlannedLevel.ConcurrencyAtP95"/> and <see cref="PlannedLevel.Replicas"/> filled in from the run.</summary>
    public static PlannedLevel[] Extend(PlannedLevel[] levels, PlanInputs inputs)
    {
        if (inputs.Measured is not { } measured)
        {
            return levels;
        }

        var perReplica = measured.Limits?.Knee?.RatePerReplica;
        return levels.Select(level => level with
        {
            ConcurrencyAtP95 = level.Load.RequestsPerSecond * measured.Run.P95ResponseSeconds,
            // A replica never carries more than its knee: a fraction of one is a whole server.
            Replicas = perReplica is { } rate and > 0 ? decimal.Ceiling(level.Load.RequestsPerSecond / rate) : null,
        }).ToArray();
    }

    /// <summary>Where the plan's figures come from; empty for the calculator.</summary>
    public static IEnumerable<string> Basis(PlanInputs inputs)
    {
        if (inputs.Measured is not { } measured)
        {
            yield break;
        }

        var run = measured.Run;
        var files = measured.Limits is { } limits ? $"{limits.File} and {run.File}" : run.File;
        yield return $"planned from the run measured in {measured.Directory} ({files}); each figure's file and field is listed under Measured";
        if (inputs.TargetFrom is { } target)
        {
            yield return $"target peak: {Count(inputs.RequestsPerSecond ?? 0)} req/s, {target}";
        }

        if (inputs.Model is { } model && !string.Equals(model, run.Model, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"model {model} from --model, not the run's {run.Model ?? "(none)"}: its price and tiers apply to the measured tokens; the response times are the run's, not {model}'s";
        }

        yield return run.SlosPassed switch
        {
            true when run.SloChecks.Count == 0 => "the run had no SLO checks (slo.checks is empty): nothing says its response times are acceptable; run it with --slo",
            true => $"the run held its {run.SloChecks.Count} SLO check{(run.SloChecks.Count == 1 ? "" : "s")} (slo.passed): its response times are acceptable ones",
            false => $"the run FAILED SLO checks ({string.Join(", ", run.SloChecks.Where(c => !c.Passed).Select(c => c.Expression))}): its response times are of a load the SLOs rule out; plan from a run that held them",
            null => "the summary does not say whether SLOs held (no slo.passed)",
        };
        if (run.Failed > 0)
        {
            yield return $"{Count(run.Failed)} of {Count(run.Measured)} measured requests failed: the token means count every measured request, the response times only the successful ones";
        }

        var load = measured.Limits?.Knee?.RatePerReplica is { } knee ? $"one replica's knee, {Count(knee)} req/s"
            : run.RequestsPerSecond is { } rate ? $"{Count(rate)} req/s" : "its load";
        yield return $"the measured response time holds while each server carries no more than it did in the run ({load}); "
                     + "a server pushed harder queues and responds slower, and every figure of this plan is then optimistic";
    }

    /// <summary>How replicas and the P95 concurrency were worked out; empty for the calculator.</summary>
    public static IEnumerable<string> Capacity(PlanInputs inputs)
    {
        if (inputs.Measured is not { } measured)
        {
            yield break;
        }

        yield return $"concurrency at P95 = rate × the measured P95 response time, {Seconds(measured.Run.P95ResponseSeconds)}: in flight when every request is as slow as the slow tail";
        if (measured.Run.ConcurrencyCapInFlight is { } cap)
        {
            yield return $"the run's key was refused for concurrency from {Count(cap)} others in flight (its per-key cap, independent of its per-minute limits): "
                         + $"a level whose concurrency at P95 passes {Count(cap)} needs ⌈concurrency ÷ {Count(cap)}⌉ keys or a higher cap";
        }
        if (measured.Limits is not { } limits)
        {
            yield return "no find-limit.json: replicas not computed; run llmload find-limit against one server (replica) and plan --from its output";
            yield break;
        }

        if (limits.Knee is not { RatePerReplica: { } perReplica } knee)
        {
            yield return $"{limits.File} has no knee with a rate (outcome {limits.Outcome}): replicas not computed";
            yield break;
        }

        var basis = knee.ByRate
            ? $"knee.load, the highest rate at which every SLO held"
            : $"knee.achieved_rate, the throughput at {Count(knee.Load)} concurrent requests, the highest concurrency at which every SLO held";
        yield return $"replicas = ⌈rate ÷ {Count(perReplica)} req/s⌉, one replica's knee ({limits.File} {basis}): the find-limit target was one replica, "
                     + "replicas add capacity linearly behind a balancer that spreads requests evenly, and nothing they share (database, network, GPU host) runs out first; "
                     + "run the with-headroom count";
        if (limits.KneeIsLowerBound)
        {
            yield return $"find-limit found no load that failed (outcome {limits.Outcome}): a replica holds at least {Count(perReplica)} req/s, so the replica counts are upper bounds";
        }

        if (limits.Saturation is { FailingLoad: { } saturated } saturation)
        {
            yield return $"one replica saturates between {Count(saturation.Load)} and {Count(saturated)} {saturation.Unit} (saturation): past it the queue grows without bound; the knee stays below it";
        }
    }

    /// <summary>Why a plan from a run has no cost.</summary>
    public static string NoPrice(PlanInputs inputs)
    {
        var run = inputs.Measured!.Run;
        var recorded = run.CostUsd is { } cost ? $"; the run recorded {Usd(cost)} for its {Count(run.Measured)} requests (cost.total_usd)" : "";
        return inputs.Model is { } model
            ? $"no price for the run's model '{model}' ({run.File} run.target.model): cost unknown; give --model NAME (a model in the price table), --pricing FILE, or --input-price and --output-price{recorded}"
            : $"{run.File} names no model (run.target.model): cost unknown; give --model NAME or --input-price and --output-price{recorded}";
    }
}
