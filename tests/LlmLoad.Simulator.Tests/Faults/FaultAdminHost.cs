using System.Diagnostics;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;

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
        var plan = new FaultPlan(rules, Stopwatch.GetTimestamp());
        var (app, address) = await LoopbackHost.StartAsync(app => FaultAdminEndpoint.Map(app, plan));
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        return new FaultAdminHost(app, plan, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
