using System.Diagnostics;
using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests;

public sealed class TruthLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-truth-").FullName;

    private string TruthPath => Path.Combine(_directory, "truth.jsonl");

    [Fact]
    public async Task DisposeAsync_AfterRequests_TruthLogHasOneOrderedLinePerResponse()
    {
        var ids = new List<string>();
        await using (var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(20, 0),
            InterTokenLatencyMs = new(2, 0),
            TruthLogPath = TruthPath,
        }))
        {
            using var client = new SimulatorClient(server);
            var streams = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.StreamAsync(
                """{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":5,"stream":true}""")));
            foreach (var (response, events) in streams)
            {
                response.Dispose();
                ids.Add(events[0].Json.GetProperty("id").GetString()!);
            }
        }

        var lines = File.ReadAllLines(TruthPath).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(ids.Order(), lines.Select(l => l.GetProperty("id").GetString()).Order());
        Assert.All(lines, line =>
        {
            var received = line.GetProperty("received_ns").GetInt64();
            var first = line.GetProperty("first_content_sent_ns").GetInt64();
            var last = line.GetProperty("last_byte_sent_ns").GetInt64();
            Assert.True(received < first && first < last, line.GetRawText());
            Assert.True(first - received >= 18_000_000, $"first content {first - received} ns after arrival, before its 20 ms TTFT");
            Assert.Equal(5, line.GetProperty("completion_tokens").GetInt32());
        });
    }

    [Fact]
    public async Task CompleteChat_ClientAbandonsStream_ServerStopsItAndLogsNoTruth()
    {
        var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(0, 0),
            InterTokenLatencyMs = new(10, 0),
            TruthLogPath = TruthPath,
        });
        // No draining: disposing an unfinished response must close the connection, as an aborting client does.
        using (var http = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = server.BaseAddress })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
            {
                Content = new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":1000,"stream":true}"""),
            };
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            for (var i = 0; i < 4; i++)
            {
                Assert.NotNull(await reader.ReadLineAsync());
            }

            response.Dispose();
            // The server's own gauge says when it stopped generating: a running stream would stay counted for its
            // 1,000 tokens x 10 ms. Polled, bounded: a busy machine only makes the drop late, never absent.
            var stopped = Stopwatch.StartNew();
            while (!(await http.GetStringAsync("metrics")).Split('\n').Any(l => l.StartsWith("vllm:num_requests_running{", StringComparison.Ordinal) && l.EndsWith(" 0.0", StringComparison.Ordinal)))
            {
                Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(3), "the server still generates for a client that left");
                await Task.Delay(50);
            }
        }

        await server.DisposeAsync();

        Assert.Empty(File.ReadAllLines(TruthPath));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
