using System.Net;

namespace LlmLoad.Analysis.Server;

/// <summary>
/// Scrapes each <c>/metrics</c> URL on its own clock during a run. It has its own HttpClient and a timeout per scrape,
/// and each URL its own loop, so a slow, hung or dead exporter costs only its own scrapes: the requests of the run
/// never wait for it (tests/LlmLoad.Tests/Analysis/Server/ServerScrapeRunTests.cs shows it). A scrape that fails is
/// counted and logged; a scrape still in flight at the next tick delays that tick only (PeriodicTimer skips it).
/// </summary>
internal sealed class ServerMetricsScraper : IAsyncDisposable
{
    private readonly ServerScrapeSettings _settings;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private readonly HttpClient _http;
    private readonly ServerMetricsLog _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    /// <param name="startedAt">The run's start timestamp on <paramref name="time"/>: readings are stamped from it, as requests are.</param>
    public ServerMetricsScraper(ServerScrapeSettings settings, string outDir, TimeProvider time, long startedAt)
    {
        _settings = settings;
        _time = time;
        _startedAt = startedAt;
        _http = CreateClient();
        _log = new ServerMetricsLog(outDir);
        Endpoints = [.. settings.Urls.Select(u => new ServerEndpoint(u))];
    }

    public IReadOnlyList<ServerEndpoint> Endpoints { get; }

    /// <summary>Starts one loop per URL; the first scrape is at once, so the run's first window has a reading.</summary>
    public void Start()
    {
        foreach (var endpoint in Endpoints)
        {
            _loops.Add(Task.Run(() => LoopAsync(endpoint, _stop.Token)));
        }
    }

    /// <summary>Stops scraping (a scrape in flight is cancelled) and returns what was read.</summary>
    public async Task<ServerMetricsResult> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);
        return new ServerMetricsResult(Endpoints, _settings.Interval);
    }

    /// <summary>
    /// Whether <paramref name="url"/> answers like a server llmload knows (a flavour's names in a Prometheus
    /// exposition), within <paramref name="timeout"/>: how a loopback target's own /metrics is picked up by default.
    /// </summary>
    public static async Task<bool> AnswersKnownMetricsAsync(Uri url, TimeSpan timeout)
    {
        using var http = CreateClient();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            using var response = await http.GetAsync(url, cancel.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                && ServerFlavours.Detect(ExpositionParser.Parse(await response.Content.ReadAsStringAsync(cancel.Token).ConfigureAwait(false))).Count > 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or FormatException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }

        _stop.Dispose();
        _http.Dispose();
        _log.Dispose();
    }

    private static HttpClient CreateClient() => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.All })
    {
        // Each scrape has its own deadline (ServerScrapeSettings.Timeout); the client's would only add a second one.
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private async Task LoopAsync(ServerEndpoint endpoint, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_settings.Interval, _time);
        try
        {
            do
            {
                await ScrapeAsync(endpoint, stop).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task ScrapeAsync(ServerEndpoint endpoint, CancellationToken stop)
    {
        var atMs = _time.GetElapsedTime(_startedAt).TotalMilliseconds;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
        deadline.CancelAfter(_settings.Timeout);
        string? failure;
        try
        {
            using var response = await _http.GetAsync(endpoint.Url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            failure = !response.IsSuccessStatusCode ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"
                : response.Content.Headers.ContentType?.MediaType == "text/html" ? "answered HTML, not the Prometheus text format"
                : null;
            if (failure is null)
            {
                var families = ExpositionParser.Parse(text);
                endpoint.Add(ServerReading.From(families, atMs), ServerFlavours.Detect(families));
                _log.Scraped(atMs, endpoint.Url, families);
                return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException)
        {
            failure = $"no answer within {_settings.Timeout.TotalMilliseconds:0} ms";
        }
        catch (HttpRequestException ex)
        {
            failure = ex.Message;
        }
        catch (FormatException ex)
        {
            failure = "not the Prometheus text format: " + ex.Message;
        }

        endpoint.Fail(failure);
        _log.Failed(atMs, endpoint.Url, failure);
    }
}
