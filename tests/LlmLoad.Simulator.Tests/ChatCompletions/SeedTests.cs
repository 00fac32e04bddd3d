using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.ChatCompletions;

public sealed class SeedTests
{
    private const string Buffered = """{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":15}""";
    private const string Streamed = """{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":15,"stream":true}""";

    [Fact]
    public async Task CompleteChat_SameSeed_ReproducesTextForTheSameRequestSequence()
    {
        var first = await ContentsAsync(seed: 42, stream: false);
        var second = await ContentsAsync(seed: 42, stream: false);

        Assert.Equal(first, second);
        Assert.Equal(3, first.Distinct().Count());
    }

    [Fact]
    public async Task CompleteChat_SameSeed_StreamedTextEqualsBufferedText()
    {
        Assert.Equal(await ContentsAsync(seed: 7, stream: false), await ContentsAsync(seed: 7, stream: true));
    }

    [Fact]
    public async Task CompleteChat_DifferentSeeds_ProduceDifferentText()
    {
        Assert.NotEqual(await ContentsAsync(seed: 1, stream: false), await ContentsAsync(seed: 2, stream: false));
    }

    private static async Task<List<string>> ContentsAsync(int seed, bool stream)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { Seed = seed });
        using var client = new SimulatorClient(server);
        var contents = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            if (stream)
            {
                var (response, events) = await client.StreamAsync(Streamed);
                response.Dispose();
                contents.Add(string.Concat(events.Where(e => !e.IsDone).Select(e => e.Content)));
            }
            else
            {
                var json = await client.PostForJsonAsync(Buffered);
                contents.Add(json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!);
            }
        }

        return contents;
    }
}
