using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using LlmLoad.Simulator.Timing;

namespace LlmLoad.Simulator.Truth;

/// <summary>
/// Appends one JSON line per completed response:
/// <c>{"id","received_ns","first_content_sent_ns","last_byte_sent_ns","completion_tokens"}</c>, times on
/// the monotonic clock in nanoseconds: arrival at the handler, after the flush of the first content
/// chunk (for a buffered response, of the whole body, so first equals last), after the final flush.
/// Aborted responses are not logged. Requests only enqueue; a single background writer does the file
/// I/O, so a slow disk never delays a token.
/// </summary>
internal sealed class TruthLog : IAsyncDisposable
{
    private readonly Channel<TruthRecord> _records = Channel.CreateUnbounded<TruthRecord>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly FileStream _file;
    private readonly Task _writer;

    private TruthLog(FileStream file)
    {
        _file = file;
        _writer = Task.Run(WriteAllAsync);
    }

    /// <summary>Creates (or truncates) the file now, so a bad path fails at start-up rather than mid-run.</summary>
    public static TruthLog Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new TruthLog(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024, useAsync: true));
    }

    public void Add(TruthRecord record) => _records.Writer.TryWrite(record);

    /// <summary>Writes every record already added, flushes and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _records.Writer.TryComplete();
        await _writer;
        await _file.DisposeAsync();
    }

    private async Task WriteAllAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var json = new Utf8JsonWriter(buffer);
        var reader = _records.Reader;
        while (await reader.WaitToReadAsync())
        {
            // Batch whatever is queued into one write, then flush, so a crash loses little.
            while (reader.TryRead(out var record))
            {
                WriteLine(json, buffer, record);
            }

            await _file.WriteAsync(buffer.WrittenMemory);
            await _file.FlushAsync();
            buffer.ResetWrittenCount();
        }
    }

    private static void WriteLine(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, TruthRecord record)
    {
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("id", record.Id);
        json.WriteNumber("received_ns", MonotonicClock.ToNanoseconds(record.Received));
        json.WriteNumber("first_content_sent_ns", MonotonicClock.ToNanoseconds(record.FirstContentSent));
        json.WriteNumber("last_byte_sent_ns", MonotonicClock.ToNanoseconds(record.LastByteSent));
        json.WriteNumber("completion_tokens", record.CompletionTokens);
        json.WriteEndObject();
        json.Flush();
        buffer.Write("\n"u8);
    }
}
