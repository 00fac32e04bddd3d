using LlmLoad.Analysis.Server;

namespace LlmLoad.Tests.Analysis.Server;

public sealed class ServerEndpointTests
{
    [Fact]
    public void CounterDropsWithoutAQueueHistogram_IsARestart_AndGrowthCountsBothSidesOfIt()
    {
        // TGI and llama.cpp expose no queue-time histogram here: a restart shows only in a counter that went down.
        var endpoint = new ServerEndpoint(new Uri("http://127.0.0.1:8080/metrics"));
        double[] promptTokens = [100, 150, 200, 30, 80];
        for (var i = 0; i < promptTokens.Length; i++)
        {
            endpoint.Add(new ServerReading(i * 1000, new Dictionary<ServerQuantity, double> { [ServerQuantity.PromptTokens] = promptTokens[i], [ServerQuantity.Running] = 5 - i }, null), [ServerFlavours.LlamaCpp]);
        }

        Assert.Equal(1, endpoint.Resets);
        // 50 + 50 before the restart, 30 from zero to the first scrape after it, 50 after.
        Assert.Equal(180, new ServerMetricsResult([endpoint], TimeSpan.FromSeconds(1)).Increase(ServerQuantity.PromptTokens));
    }
}
