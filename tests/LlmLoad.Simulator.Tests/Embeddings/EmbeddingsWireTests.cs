using System.Diagnostics;
using System.Text.Json;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Tests.TestSupport;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Tests.Embeddings;

public sealed class EmbeddingsWireTests
{
    private static readonly string[] Inputs = ["The food was delicious and the waiter was friendly.", "Load testing finds the knee of the latency curve.", "A third input."];

    [Fact]
    public async Task Embeddings_BatchOfStrings_ReturnsOneUnitVectorPerInputInOrderWithUsage()
    {
        var (status, json) = await PostAsync(JsonSerializer.Serialize(new { model = "text-embedding-3-small", input = Inputs }));

        Assert.Equal(200, status);
        Assert.Equal("list", json.GetProperty("object").GetString());
        Assert.Equal("text-embedding-3-small", json.GetProperty("model").GetString());
        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Inputs.Length, data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            Assert.Equal("embedding", data[i].GetProperty("object").GetString());
            Assert.Equal(i, data[i].GetProperty("index").GetInt32());
            var vector = data[i].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.Equal(1536, vector.Length);
            Assert.Equal(1.0, Norm(vector), 3);
        }

        var usage = json.GetProperty("usage");
        var expected = Inputs.Sum(TokenCounter.Default.Count);
        Assert.Equal(expected, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(expected, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_SameInputTwice_GetsTheSameVectorAndAnotherInputADifferentOne()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        var first = await VectorsAsync(client, JsonSerializer.Serialize(new { model = "m", input = new[] { Inputs[0], Inputs[1] } }));
        var again = await VectorsAsync(client, JsonSerializer.Serialize(new { model = "m", input = Inputs[0] }));

        Assert.Equal(first[0], again[0]);
        Assert.NotEqual(first[0], first[1]);
    }

    [Fact]
    public async Task Embeddings_DimensionsAndBase64_ReturnsLittleEndianFloat32OfThatLength()
    {
        var (status, json) = await PostAsync("""{"model":"text-embedding-3-large","input":"hello","dimensions":256,"encoding_format":"base64"}""");

        Assert.Equal(200, status);
        var bytes = Convert.FromBase64String(json.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(256 * sizeof(float), bytes.Length);
        var vector = Enumerable.Range(0, 256).Select(i => BitConverter.ToSingle(bytes, i * sizeof(float))).ToArray();
        Assert.Equal(1.0, Norm(vector), 3);
    }

    [Fact]
    public async Task Embeddings_LargeModelWithoutDimensions_Returns3072Values()
    {
        var (_, json) = await PostAsync("""{"model":"text-embedding-3-large","input":"hello"}""");

        Assert.Equal(3072, json.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Fact]
    public async Task Embeddings_TokenIdInputs_CountOneTokenPerId()
    {
        var (status, json) = await PostAsync("""{"model":"m","input":[[1,2,3],[4,5]]}""");

        Assert.Equal(200, status);
        Assert.Equal(2, json.GetProperty("data").GetArrayLength());
        Assert.Equal(5, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_WithPrefillSpeed_AnswerWaitsForTheBatchsInputTokens()
    {
        // 4 inputs of ~500 tokens at 10,000 tokens/s: the vectors cannot be ready before ~200 ms. Only the lower
        // bound is asserted: the server never answers early, however slow the machine is.
        var options = SimulatorClient.Instant with { Capacity = new ServingCapacity { PrefillTokensPerSecond = 10_000 } };
        await using var server = await SimulatorServer.StartAsync(options);
        using var client = new SimulatorClient(server);
        var input = string.Join(' ', Enumerable.Repeat("load", 500));
        var tokens = 4 * TokenCounter.Default.Count(input);

        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync(JsonSerializer.Serialize(new { model = "m", input = new[] { input, input, input, input } }), "v1/embeddings");
        await response.Content.ReadAsByteArrayAsync();
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(elapsedMs >= (tokens * 1000.0 / 10_000) - 1, $"answered after {elapsedMs:0.#} ms, before its {tokens} input tokens could be prefilled");
    }

    [Fact]
    public async Task Embeddings_TokenRateLimit_ChargesTheInputTokensOnly()
    {
        var options = SimulatorClient.Instant with { RateLimits = new RateLimits { TokensPerMinute = 10_000 } };
        await using var server = await SimulatorServer.StartAsync(options);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(JsonSerializer.Serialize(new { model = "m", input = Inputs }), "v1/embeddings");

        Assert.Equal(200, (int)response.StatusCode);
        var remaining = long.Parse(response.Headers.GetValues("x-ratelimit-remaining-tokens").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(10_000 - Inputs.Sum(TokenCounter.Default.Count), remaining);
    }

    [Fact]
    public async Task Embeddings_WrongKey_Returns401InOpenAisEnvelope()
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant with { ApiKey = "right" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/embeddings") { Content = new StringContent("""{"model":"m","input":"hi"}""") };
        request.Headers.Authorization = new("Bearer", "wrong");

        using var response = await http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    internal static async Task<(int Status, JsonElement Json)> PostAsync(string body, SimulatorOptions? options = null)
    {
        await using var server = await SimulatorServer.StartAsync(options ?? SimulatorClient.Instant);
        using var client = new SimulatorClient(server);
        using var response = await client.PostAsync(body, "v1/embeddings");
        Assert.Equal("application/json", SimulatorClient.ContentType(response)?.MediaType);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<List<string>> VectorsAsync(SimulatorClient client, string body)
    {
        using var response = await client.PostAsync(body, "v1/embeddings");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. json.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("embedding").GetRawText())];
    }

    private static double Norm(float[] vector) => Math.Sqrt(vector.Sum(v => (double)v * v));
}
