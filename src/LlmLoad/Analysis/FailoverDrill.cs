using LlmLoad.Recording;
using LlmLoad.Routing;

namespace LlmLoad.Analysis;

/// <summary>
/// Watches one drilled outage (<see cref="OutageSpec"/>) through the records: where each request's traffic went (its
/// first attempt: to the failed target, or routed elsewhere by weight or by an open breaker), by its send time in 100 ms
/// buckets, so the share that moved can be read over any one-second window after the run; and the requests of the
/// phases the report compares, also by send time. Memory grows with the run's length (one bucket per 100 ms) and with the
/// requests completed during the outage window, never with the whole run's requests.
/// </summary>
internal sealed class FailoverDrill(OutageSpec outage) : IRequestSink
{
    private const double BucketMs = 100;
    private const int WindowBuckets = 10;
    private const double MovedShare = 0.95;
    private const int MinimumRequestsInWindow = 5;

    private readonly List<Bucket> _buckets = [];
    private readonly List<(double SentMs, double E2eMs, bool Failed)> _during = [];
    private readonly LatencyHistogram _fallbackBefore = new();
    private readonly LatencyHistogram _fallbackDuring = new();
    private long _fallbackBeforeErrors;
    private long _fallbackDuringErrors;
    private double? _firstFailoverMs;

    private double StartMs => outage.At.TotalMilliseconds;

    private double EndMs => outage.Until.TotalMilliseconds;

    public OutageSpec Outage => outage;

    public void OnRecord(RequestMeasurement measurement)
    {
        var record = measurement.Record;
        var completed = measurement.CompletedMs;
        var sent = record.SentMs;
        var index = (int)Math.Max(0, sent / BucketMs);
        while (_buckets.Count <= index)
        {
            _buckets.Add(new Bucket());
        }

        // Traffic still hits the failed target while requests are first sent there (a failover after it is too late to
        // spare the user the failed attempt); it has moved when they go elsewhere first and are served there.
        var firstToFailed = record.AttemptTargets is [var first, ..] && first == outage.Target;
        var bucket = _buckets[index];
        bucket.Total++;
        if (firstToFailed)
        {
            bucket.OnFailedTarget++;
            bucket.ServedByFailedTarget += record.Succeeded && record.Target == outage.Target ? 1 : 0;
        }
        else if (record.Succeeded)
        {
            bucket.OnOthers++;
        }

        if (sent >= StartMs && sent < EndMs)
        {
            _during.Add((sent, record.E2eMs ?? 0, !record.Succeeded));
        }

        if (record.FailoverFrom == outage.Target && record.Succeeded && completed >= StartMs && _firstFailoverMs is null)
        {
            _firstFailoverMs = completed;
        }

        // The other targets' own traffic (not moved to them) before the outage, and everything they served during it.
        if (record.Target is { } target && target != outage.Target)
        {
            if (sent < StartMs && record.FailoverFrom is null)
            {
                Count(_fallbackBefore, ref _fallbackBeforeErrors, record);
            }
            else if (sent >= StartMs && sent < EndMs)
            {
                Count(_fallbackDuring, ref _fallbackDuringErrors, record);
            }
        }
    }

    public FailoverReport Report()
    {
        var failoverTime = FirstWindowStart(StartMs, w => w.Total >= MinimumRequestsInWindow && w.OnOthers >= MovedShare * w.Total);
        // The share before counts the seconds before the outage only, not a warm-up start at rest.
        var before = Sum(0, (int)(StartMs / BucketMs));
        double? shareBefore = before.Total > 0 ? (double)before.ServedByFailedTarget / before.Total : null;
        // Back means served there again, not only sent there: an open breaker still fails what it is given.
        var recovery = shareBefore is > 0 and var share
            ? FirstWindowStart(EndMs, w => w.Total >= MinimumRequestsInWindow && w.ServedByFailedTarget >= MovedShare * share * w.Total)
            : null;
        var shiftEnd = StartMs + (failoverTime ?? (EndMs - StartMs));
        return new FailoverReport(outage.Target, outage.KindName, outage.At.TotalSeconds, outage.Until.TotalSeconds)
        {
            FirstFailoverS = _firstFailoverMs is { } first ? (first - StartMs) / 1000 : null,
            FailoverTimeS = failoverTime / 1000,
            Shift = Phase(_during.Where(r => r.SentMs < shiftEnd)),
            During = Phase(_during),
            FallbackBefore = new PhaseFigures(_fallbackBefore.Count, _fallbackBeforeErrors, _fallbackBefore.Stats()),
            FallbackDuring = new PhaseFigures(_fallbackDuring.Count, _fallbackDuringErrors, _fallbackDuring.Stats()),
            RecoveryTimeS = recovery / 1000,
            ShareBefore = shareBefore is { } s ? Math.Round(s, 6) : null,
        };
    }

    private static void Count(LatencyHistogram histogram, ref long errors, RequestRecord record)
    {
        if (record.Succeeded)
        {
            histogram.Record(record.E2eMs ?? 0);
        }
        else
        {
            errors++;
        }
    }

    private static PhaseFigures Phase(IEnumerable<(double SentMs, double E2eMs, bool Failed)> requests)
    {
        var histogram = new LatencyHistogram();
        long count = 0, errors = 0;
        foreach (var request in requests)
        {
            count++;
            errors += request.Failed ? 1 : 0;
            histogram.Record(request.E2eMs);
        }

        return new PhaseFigures(count, errors, histogram.Stats());
    }

    /// <summary>
    /// Milliseconds from <paramref name="fromMs"/> to the start of the first one-second window (stepped by 100 ms) from
    /// which the requests sent satisfy <paramref name="test"/>: the moment from which traffic stayed where it went for a
    /// second. Null when no window does.
    /// </summary>
    private double? FirstWindowStart(double fromMs, Func<Bucket, bool> test)
    {
        for (var start = (int)(fromMs / BucketMs); start < _buckets.Count; start++)
        {
            if (test(Sum(start, start + WindowBuckets)))
            {
                return Math.Max(0, (start * BucketMs) - fromMs);
            }
        }

        return null;
    }

    private Bucket Sum(int from, int to)
    {
        var sum = new Bucket();
        for (var i = Math.Max(0, from); i < Math.Min(to, _buckets.Count); i++)
        {
            sum.Total += _buckets[i].Total;
            sum.OnOthers += _buckets[i].OnOthers;
            sum.OnFailedTarget += _buckets[i].OnFailedTarget;
            sum.ServedByFailedTarget += _buckets[i].ServedByFailedTarget;
        }

        return sum;
    }

    private sealed class Bucket
    {
        public long Total { get; set; }

        public long OnOthers { get; set; }

        public long OnFailedTarget { get; set; }

        public long ServedByFailedTarget { get; set; }
    }
}
