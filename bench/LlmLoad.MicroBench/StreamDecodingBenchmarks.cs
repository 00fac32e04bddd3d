using System.Net.ServerSentEvents;
using System.Text;
using BenchmarkDotNet.Attributes;
using LlmLoad.Providers;
using LlmLoad.Providers.Formats;
using LlmLoad.Providers.Transport;

namespace LlmLoad.MicroBench;

/// <summary>
/// The client's per-chunk hot path: frame one streamed response (role chunk, 64 content chunks,
/// finish, usage, [DONE]) and decode every event into a capture. Compares llmload's framer with
/// System.Net.ServerSentEvents' SseParser doing the same work.
/// Run: dotnet run -c Release --project bench/LlmLoad.MicroBench -- --filter '*StreamDecoding*'
/// </summary>
[MemoryDiagnoser]
public class StreamDecodingBenchmarks
{
    private const int Tokens = 64;
    private static readonly byte[] MessageType = "message"u8.ToArray();
    private readonly OpenAiChatFormat _format = new();
    private readonly SseReader _reader = new();
    private byte[] _response = [];

    /// <summary>Whether each read waits (as on a real socket between tokens) or data is already there.</summary>
    [Params(false, true)]
    public bool ReadsWait { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const string prefix = """data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{""";
        const string suffix = """},"logprobs":null,"finish_reason":null}],"usage":null}""";
        var text = new StringBuilder();
        text.Append(prefix).Append("\"role\":\"assistant\",\"content\":\"\"").Append(suffix).Append("\n\n");
        for (var i = 0; i < Tokens; i++)
        {
            text.Append(prefix).Append("\"content\":\" word\"").Append(suffix).Append("\n\n");
        }

        text.Append("data: {\"id\":\"chatcmpl-bench\",\"choices\":[],\"usage\":{\"prompt_tokens\":32,\"completion_tokens\":64,\"total_tokens\":96}}\n\n");
        text.Append("data: [DONE]\n\n");
        _response = Encoding.UTF8.GetBytes(text.ToString());
    }

    [Benchmark(Baseline = true)]
    public async Task<int> SseParserFraming()
    {
        var capture = new ResponseCapture();
        using var stream = new ChunkedMemoryStream(_response, ReadsWait);
        var parser = SseParser.Create(stream, (type, data) => _format.ApplyStreamEvent(type == "message" ? MessageType : Encoding.UTF8.GetBytes(type), data, 0, capture));
        await foreach (var item in parser.EnumerateAsync())
        {
            if (item.Data)
            {
                break;
            }
        }

        return capture.ChunkTimes.Count;
    }

    [Benchmark]
    public async Task<int> LlmLoadFraming()
    {
        var capture = new ResponseCapture();
        using var stream = new TimestampedStream(new ChunkedMemoryStream(_response, ReadsWait), TimeProvider.System);
        // Reused across responses, as RequestSender does.
        await _reader.ReadAsync(stream, ResponseFraming.ServerSentEvents, (type, data, at) => _format.ApplyStreamEvent(type, data, at, capture), CancellationToken.None);
        _reader.Reset();
        return capture.ChunkTimes.Count;
    }
}
