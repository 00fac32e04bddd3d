using System.Net;
using LlmLoad.Simulator.Metrics;
using LlmLoad.Simulator.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace LlmLoad.Simulator.Tests.Metrics;

/// <summary>A real Kestrel host on 127.0.0.1 port 0 serving one <see cref="ServerMetrics"/> at GET /metrics, built as the simulator builds its own.</summary>
internal sealed class MetricsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private MetricsHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<MetricsHost> StartAsync(ServerMetrics metrics)
    {
        var (app, address) = await LoopbackHost.StartAsync(app => app.MapGet("/metrics", metrics.WriteAsync));
        return new MetricsHost(app, address);
    }

    public Task<HttpResponseMessage> GetMetricsAsync() => _http.GetAsync("metrics");

    /// <summary>Fetches /metrics and parses it with the Prometheus parser.</summary>
    public async Task<Scrape> ScrapeAsync()
    {
        using var response = await GetMetricsAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return new Scrape(text, await PrometheusParser.ParseAsync(text));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
