using System.Globalization;
using LlmLoad.Engine;
using LlmLoad.Traffic;

namespace LlmLoad.Estimate;

/// <summary>
/// How many requests a run sends, warm-up included (warm-up requests are billed too): a mean and a variance, since
/// Poisson or gamma arrivals over a time make the count itself random. <see cref="Basis"/> says where the count comes from.
/// </summary>
/// <param name="TraceRows">With a trace, how many of its rows are sent (their own lengths apply); else 0.</param>
internal sealed record RequestCount(double Mean, double Variance, string Basis, int TraceRows = 0)
{
    /// <summary>The count of <paramref name="load"/>, or null (with the reason in <paramref name="notes"/>) when it cannot be known before the run.</summary>
    public static RequestCount? Of(LoadShape load, List<string> notes)
    {
        // Warm-up by duration at a constant rate adds that rate's arrivals before the measured ones.
        var warmupByTime = load.Rate is { } r && double.IsFinite(r) ? r * load.WarmupDuration.TotalSeconds : 0;
        RequestCount? byCount = load.Requests is { } n ? new RequestCount(n + load.WarmupRequests + warmupByTime, 0, Describe(n, load.WarmupRequests + warmupByTime)) : null;
        var byTime = ByTime(load);
        if (byTime is not null && load.Trace is not null && byCount is { } limit && limit.Mean < byTime.Mean)
        {
            return limit with { TraceRows = (int)limit.Mean };
        }

        if (byCount is not null && byTime is not null)
        {
            // Both a count and a time limit: whichever comes first. Near the crossing this takes the smaller mean, which
            // slightly overstates a Poisson run's count; the low/high range covers it.
            return byCount.Mean <= byTime.Mean ? byCount with { Basis = byCount.Basis + " (reached before " + byTime.Basis + ")" } : byTime;
        }

        if (byCount is not null)
        {
            if (!load.IsOpenLoop && load.WarmupDuration > TimeSpan.Zero)
            {
                notes.Add("warm-up by duration in a closed loop adds requests the estimate cannot count (they depend on the server's response time)");
            }

            return byCount;
        }

        if (byTime is null)
        {
            notes.Add("a closed loop without a request count sends as many requests as its users complete in the time, which depends on the server's response time: give --requests (limits.requests) to estimate it");
        }

        return byTime;
    }

    private static RequestCount? ByTime(LoadShape load)
    {
        if (load.Trace is { } trace)
        {
            return new RequestCount(trace.Count, 0, Invariant($"the trace's {trace.Count} arrivals"), trace.Count);
        }

        if (load.Stages is { Unit: LoadUnit.Rate } stages)
        {
            var area = stages.Curve.Segments.Sum(s => s.Area(s.Seconds));
            return new RequestCount(area, area * Dispersion(load.Arrival), "the stages' arrivals (the integral of their rate)");
        }

        if (load.Rate is { } rate && double.IsFinite(rate) && load.Duration is { } duration)
        {
            var mean = rate * duration.TotalSeconds;
            return new RequestCount(mean, mean * Dispersion(load.Arrival), Invariant($"{rate} req/s x {duration.TotalSeconds} s"));
        }

        return null;
    }

    /// <summary>
    /// Variance of the count over its mean: 1 for Poisson arrivals, 0 for constant gaps, 1/shape for gamma gaps
    /// (a renewal process counts with variance t * Var[gap] / E[gap]^3).
    /// </summary>
    private static double Dispersion(ArrivalProcess arrival) => arrival.Kind switch
    {
        ArrivalKind.Constant => 0,
        ArrivalKind.Poisson => 1,
        _ => 1 / arrival.Shape,
    };

    private static string Describe(long requests, double warmup)
        => warmup > 0 ? Invariant($"--requests {requests} + {Math.Round(warmup, 1)} warm-up") : Invariant($"--requests {requests}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
