namespace LlmLoad.Analysis.Server;

/// <summary>
/// How the server's queue (<c>waiting</c>) moved within one stretch of a run (a stage, or the whole run): the slope of a
/// least-squares line through its scrapes, and whether that is growth without bound rather than noise.
/// </summary>
/// <param name="Name">The stage's name, or "run".</param>
/// <param name="ThroughputPerSecond">Requests completed per second within the stretch, from the client's time series.</param>
internal sealed record QueueGrowth(string Name, double StartSeconds, double EndSeconds, double SlopePerSecond, double MeanWaiting, double? MeanRunning, double ThroughputPerSecond, bool Unbounded)
{
    /// <summary>
    /// Growth is called unbounded when the line climbs, over the stretch, by at least 2 requests and by at least half
    /// the running batch, and the last quarter's mean is above the first quarter's by that much: a queue that drains
    /// between bursts fails the second test, one that only wobbles around a level fails the first.
    /// </summary>
    public static QueueGrowth? Of(string name, double startSeconds, double endSeconds, IReadOnlyList<(double Seconds, double Waiting)> points, double? meanRunning, double throughput)
    {
        if (points.Count < 4)
        {
            return null;
        }

        var meanT = points.Average(p => p.Seconds);
        var meanW = points.Average(p => p.Waiting);
        var covariance = points.Sum(p => (p.Seconds - meanT) * (p.Waiting - meanW));
        var variance = points.Sum(p => (p.Seconds - meanT) * (p.Seconds - meanT));
        var slope = variance > 0 ? covariance / variance : 0;
        var span = points[^1].Seconds - points[0].Seconds;
        var needed = Math.Max(2, 0.5 * (meanRunning ?? 0));
        var quarter = Math.Max(1, points.Count / 4);
        var rise = points.TakeLast(quarter).Average(p => p.Waiting) - points.Take(quarter).Average(p => p.Waiting);
        return new QueueGrowth(name, startSeconds, endSeconds, slope, meanW, meanRunning, throughput, slope * span >= needed && rise >= needed);
    }
}
