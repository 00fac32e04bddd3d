using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmLoad.Tests.Analysis.Server;

/// <summary>
/// A /metrics exporter on loopback that misbehaves as told: answers slower than the scrape deadline, serves an HTML page
/// or garbage, or serves vLLM-like counters that restart from zero after a few scrapes (a server restarting mid-run).
/// </summary>
internal sealed class ScriptedExporter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _scrapes;

    private ScriptedExporter(WebApplication app) => _app = app;

    public enum Behaviour
    {
        Slow,
        Html,
        Garbage,
        Restarts,
    }

    /// <summary>With <see cref="Behaviour.Restarts"/>: the counters start again from zero after this many scrapes.</summary>
    public const int RestartAfter = 3;

    /// <summary>With <see cref="Behaviour.Slow"/>: how long each answer takes, beyond the 1 s scrape deadline.</summary>
    public static readonly TimeSpan SlowAnswer = TimeSpan.FromMilliseconds(1500);

    public Uri MetricsUrl { get; private set; } = null!;

    public int Scrapes => Volatile.Read(ref _scrapes);

    public static async Task<ScriptedExporter> StartAsync(Behaviour behaviour)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var exporter = new ScriptedExporter(app);
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            var n = Interlocked.Increment(ref exporter._scrapes);
            switch (behaviour)
            {
                case Behaviour.Slow:
                    await Task.Delay(SlowAnswer, context.RequestAborted);
                    await Text(context, "text/plain; version=0.0.4", Counters(n));
                    break;
                case Behaviour.Html:
                    await Text(context, "text/html; charset=utf-8", "<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>");
                    break;
                case Behaviour.Garbage:
                    await Text(context, "text/plain", "vllm:num_requests_running{model_name=\"m\" 3\n\u0001\u0002 ~~~ not metrics");
                    break;
                default:
                    // Scrape n of a server that restarted after scrape RestartAfter: everything counts again from zero.
                    await Text(context, "text/plain; version=0.0.4", Counters(n > RestartAfter ? n - RestartAfter : n, n));
                    break;
            }
        });
        await app.StartAsync();
        exporter.MetricsUrl = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/metrics");
        return exporter;
    }

    /// <summary>
    /// vLLM's counters after <paramref name="sinceStart"/> scrapes of the server's life: 10 prompt tokens, one preemption
    /// and one queued request of 100 ms each; <c>llmload_test_scrape</c> says which scrape this was (kept raw in server-metrics.jsonl).
    /// </summary>
    private static string Counters(int sinceStart, int scrape = 0) => string.Create(CultureInfo.InvariantCulture, $$"""
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running{model_name="m"} 2
        # TYPE vllm:prompt_tokens_total counter
        vllm:prompt_tokens_total{model_name="m"} {{10 * sinceStart}}
        # TYPE vllm:num_preemptions_total counter
        vllm:num_preemptions_total{model_name="m"} {{sinceStart}}
        # TYPE vllm:request_queue_time_seconds histogram
        vllm:request_queue_time_seconds_bucket{model_name="m",le="0.05"} 0
        vllm:request_queue_time_seconds_bucket{model_name="m",le="0.5"} {{sinceStart}}
        vllm:request_queue_time_seconds_bucket{model_name="m",le="+Inf"} {{sinceStart}}
        vllm:request_queue_time_seconds_count{model_name="m"} {{sinceStart}}
        vllm:request_queue_time_seconds_sum{model_name="m"} {{0.1 * sinceStart}}
        # TYPE llmload_test_scrape gauge
        llmload_test_scrape {{scrape}}

        """);

    private static async Task Text(HttpContext context, string contentType, string body)
    {
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
