using System.Diagnostics;
using System.Net;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmLoad.Simulator.Tests.Faults;

/// <summary>A Kestrel host on 127.0.0.1 port 0 serving only the fault admin endpoint, built like the simulator's.</summary>
internal sealed class FaultAdminHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FaultAdminHost(WebApplication app, FaultPlan plan, HttpClient client)
    {
        _app = app;
        Plan = plan;
        Client = client;
    }

    public FaultPlan Plan { get; }

    public HttpClient Client { get; }

    public static async Task<FaultAdminHost> StartAsync(params FaultRule[] rules)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var plan = new FaultPlan(rules, Stopwatch.GetTimestamp());
        app.UseRouting();
        FaultAdminEndpoint.Map(app, plan);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new FaultAdminHost(app, plan, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
