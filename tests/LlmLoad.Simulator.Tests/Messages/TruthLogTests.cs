using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.Messages;

public sealed class TruthLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-truth-").FullName;

    private string TruthPath => Path.Combine(_directory, "truth.jsonl");

    [Fact]
    public async Task CreateMessage_StreamedAndBuffered_LogsOneLinePerResponseUnderItsMessageId()
    {
        var ids = new List<string>();
        await using (var server = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TimeToFirstTokenMs = new(20, 0),
            InterTokenLatencyMs = new(2, 0),
            TruthLogPath = TruthPath,
        }))
        {
            using var client = new MessagesClient(server);
            var (response, events) = await client.StreamAsync(MessagesClient.Body(5, stream: true));
            response.Dispose();
            ids.Add(events[0].Json.GetProperty("message").GetProperty("id").GetString()!);
            using var buffered = await client.PostAsync(MessagesClient.Body(5, stream: false));
            ids.Add(JsonDocument.Parse(await buffered.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        var lines = File.ReadAllLines(TruthPath).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(ids, lines.Select(l => l.GetProperty("id").GetString()));
        Assert.All(lines, line =>
        {
            var received = line.GetProperty("received_ns").GetInt64();
            var first = line.GetProperty("first_content_sent_ns").GetInt64();
            Assert.True(first - received >= 18_000_000, $"first content {first - received} ns after arrival, before its 20 ms TTFT");
            Assert.True(line.GetProperty("last_byte_sent_ns").GetInt64() >= first, line.GetRawText());
            Assert.Equal(5, line.GetProperty("completion_tokens").GetInt32());
        });
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
