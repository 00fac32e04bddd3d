namespace LlmLoad.Planning;

/// <summary>Which statistic of the end-to-end response time a plan was given.</summary>
internal enum ResponseTimeStatistic
{
    /// <summary>The mean: Little's law then gives the average number of requests in flight.</summary>
    Mean,

    /// <summary>The 95th percentile: sizes concurrency for the slow tail, above the average on purpose.</summary>
    P95,
}

/// <summary>An end-to-end response time in seconds and which statistic it is.</summary>
internal sealed record ResponseTime(decimal Seconds, ResponseTimeStatistic Statistic)
{
    public string StatisticName => Statistic == ResponseTimeStatistic.Mean ? "mean" : "p95";
}
