namespace LlmLoad.Analysis.Server;

/// <summary>
/// One scraped <c>/metrics</c> URL over a run: its readings, the flavours its names showed, and its failures
/// (counted; the first reason kept for the warning). Written by its own scrape loop only, read when the run is over.
/// </summary>
internal sealed class ServerEndpoint(Uri url)
{
    private readonly List<ServerReading> _readings = [];

    public Uri Url { get; } = url;

    public IReadOnlyList<string> Flavours { get; private set; } = [];

    public IReadOnlyList<ServerReading> Readings => _readings;

    public int Scrapes { get; private set; }

    public int Failures { get; private set; }

    public string? FirstFailure { get; private set; }

    /// <summary>Scrapes at which a counter or the queue-time histogram's count went down from the scrape before: the server restarted.</summary>
    public int Resets { get; private set; }

    public void Add(ServerReading reading, IReadOnlyList<string> flavours)
    {
        Scrapes++;
        if (_readings.Count > 0 && WentDown(_readings[^1], reading))
        {
            Resets++;
        }

        _readings.Add(reading);
        if (Flavours.Count == 0)
        {
            Flavours = flavours;
        }
    }

    private static bool WentDown(ServerReading before, ServerReading after)
        => (before.QueueTime is { } earlier && after.QueueTime is { } later && later.Count < earlier.Count)
            || before.Values.Any(v => ServerQuantityNames.IsCounter(v.Key) && after[v.Key] is { } now && now < v.Value);

    public void Fail(string reason)
    {
        Scrapes++;
        Failures++;
        FirstFailure ??= reason;
    }
}
