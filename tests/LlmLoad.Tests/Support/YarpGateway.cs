using System.Net;
using LlmLoad.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace LlmLoad.Tests.Support;

/// <summary>
/// A real gateway, YARP, on 127.0.0.1 port 0, in front of the given upstreams: round robin, passive health checks
/// (a destination whose transport failures pass a third of its requests in 5 s is left out for the reactivation period),
/// and an <c>x-served-by</c> header naming the destination that took each request, errors included.
/// </summary>
internal sealed class YarpGateway : IAsyncDisposable
{
    public const string ServedByHeader = "x-served-by";

    private readonly WebApplication _app;

    private YarpGateway(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<YarpGateway> StartAsync(IReadOnlyDictionary<string, Uri> upstreams, TimeSpan reactivation)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(o =>
        {
            o.DetectionWindowSize = TimeSpan.FromSeconds(5);
            o.MinimalTotalCountThreshold = 5;
            o.DefaultFailureRateLimit = 0.3;
        });
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "all", ClusterId = "llm", Match = new RouteMatch { Path = "{**rest}" } }],
            [new ClusterConfig
            {
                ClusterId = "llm",
                LoadBalancingPolicy = "RoundRobin",
                HealthCheck = new HealthCheckConfig { Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = reactivation } },
                Destinations = upstreams.ToDictionary(u => u.Key, u => new DestinationConfig { Address = u.Value.ToString() }),
            }]);
        var app = builder.Build();
        app.UseRouting();
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(async (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is { } destination)
                    {
                        context.Response.Headers[ServedByHeader] = destination.DestinationId;
                    }

                    return Task.CompletedTask;
                });
                await next();
            });
            proxy.UsePassiveHealthChecks();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new YarpGateway(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
