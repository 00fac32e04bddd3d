using System.ClientModel;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;
using OpenAI;
using OpenAI.Embeddings;

namespace LlmLoad.Simulator.Tests.Embeddings;

/// <summary>The official OpenAI .NET SDK's embeddings client against the simulator.</summary>
public sealed class EmbeddingsSdkTests
{
    private static readonly string[] Inputs = ["first input to embed", "second input, a little longer than the first", "third"];

    [Fact]
    public async Task GenerateEmbeddingsAsync_WithOfficialSdk_ReturnsAVectorPerInputAndUsage()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = CreateClient(server, "text-embedding-3-small");

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(Inputs);

        Assert.Equal(Inputs.Length, embeddings.Count);
        Assert.Equal([0, 1, 2], embeddings.Select(e => e.Index));
        Assert.All(embeddings, e => Assert.Equal(1536, e.ToFloats().Length));
        Assert.Equal("text-embedding-3-small", embeddings.Model);
        Assert.Equal(Inputs.Sum(TokenCounter.Default.Count), embeddings.Usage.InputTokenCount);
        Assert.Equal(embeddings.Usage.InputTokenCount, embeddings.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GenerateEmbeddingAsync_WithDimensions_ReturnsAUnitVectorOfThatLength()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = CreateClient(server, "text-embedding-3-large");

        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync("hello", new EmbeddingGenerationOptions { Dimensions = 512 });

        var vector = embedding.ToFloats().ToArray();
        Assert.Equal(512, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 3);
    }

    [Fact]
    public async Task GenerateEmbeddingsAsync_EmptyInput_SurfacesTheSimulatorsError()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        var client = CreateClient(server, "text-embedding-3-small");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GenerateEmbeddingsAsync(["fine", ""]));

        Assert.Equal(400, error.Status);
        Assert.Contains("'$.input' is invalid", error.Message, StringComparison.Ordinal);
    }

    private static EmbeddingClient CreateClient(SimulatorServer server, string model) => new(
        model,
        new ApiKeyCredential("test"),
        new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "v1"), NetworkTimeout = TimeSpan.FromSeconds(30) });
}
