using System.Net;
using LlmLoad.Simulator.Hosting;
using LlmLoad.Simulator.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseRouting();
        app.MapGet("/metrics", metrics.WriteAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new MetricsHost(app, new Uri(address));
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
