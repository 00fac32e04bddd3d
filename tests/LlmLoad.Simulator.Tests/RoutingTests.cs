using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests;

public sealed class RoutingTests
{
    [Fact]
    public async Task Health_Get_ReturnsOk()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.GetAsync("health");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StartAsync_TwoServersOnPortZero_ServeSideBySideOnDifferentPorts()
    {
        await using var first = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        await using var second = await SimulatorServer.StartAsync(SimulatorClient.Instant);

        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
        Assert.NotEqual(0, first.BaseAddress.Port);
        Assert.NotEqual(first.BaseAddress.Port, second.BaseAddress.Port);
        using var client = new SimulatorClient(second);
        using var response = await client.GetAsync("health");
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task CompleteChat_BaseAddressJoinedWithExtraSlash_IsStillServed()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(
            """{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":2}""",
            server.BaseAddress + "/v1/chat/completions");

        Assert.Equal(200, (int)response.StatusCode);
    }
}
