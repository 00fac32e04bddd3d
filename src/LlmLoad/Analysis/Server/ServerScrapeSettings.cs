namespace LlmLoad.Analysis.Server;

/// <summary>Which <c>/metrics</c> URLs a run scrapes (<c>--server-metrics</c>), how often and how long one scrape may take.</summary>
/// <param name="Urls">Empty: none given; a loopback target's own /metrics is then tried (<see cref="Automatic"/>).</param>
/// <param name="Automatic">Try the target's own /metrics when it is on loopback and no URL was given; false after <c>--server-metrics off</c>.</param>
internal sealed record ServerScrapeSettings(IReadOnlyList<Uri> Urls, TimeSpan Interval, bool Automatic = true)
{
    public static TimeSpan DefaultInterval { get; } = TimeSpan.FromSeconds(1);

    public static ServerScrapeSettings Default { get; } = new([], DefaultInterval);

    /// <summary>
    /// One scrape's deadline: the interval, but at least 1 s, so that a short interval does not fail the scrapes of
    /// a server that is merely busy (a loaded simulator sometimes takes 300 ms to answer). Scrapes never pile up
    /// either way: each endpoint's loop waits for its scrape before the next tick.
    /// </summary>
    public TimeSpan Timeout => Interval > TimeSpan.FromSeconds(1) ? Interval : TimeSpan.FromSeconds(1);
}
