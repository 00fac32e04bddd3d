using System.Buffers;
using System.Runtime.CompilerServices;

namespace LlmLoad.Providers.Transport;

/// <summary>Receives one event: its type (<c>message</c> when the stream named none), its data and when it arrived.</summary>
/// <returns>True to stop reading (the response ended).</returns>
internal delegate bool SseEventHandler(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt);

/// <summary>
/// Frames server-sent events as the WHATWG "event stream interpretation" defines them (lines ended by
/// CRLF, LF or CR; <c>data</c> lines joined with LF; <c>event</c> names the type; comments and
/// <c>id</c>/<c>retry</c> ignored; a blank line dispatches). Unlike System.Net.ServerSentEvents'
/// SseParser it allocates nothing per event: this runs for every token of every stream, and each
/// allocation there is work for a garbage collector whose pauses would show up as latency.
/// An event's arrival time is that of the read that delivered its closing blank line.
/// </summary>
internal sealed class SseReader : IDisposable
{
    private static readonly byte[] DefaultEventType = "message"u8.ToArray();

    private readonly ArrayBufferWriter<byte> _data = new(512);
    private readonly ArrayBufferWriter<byte> _eventType = new(32);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _start;
    private int _end;
    private bool _skipLineFeed;

    /// <summary>Reads events until the handler returns true (then true) or the stream ends (then false).</summary>
    /// <param name="framing">
    /// <see cref="ResponseFraming.ServerSentEvents"/>; or, for a user's own app, <see cref="ResponseFraming.JsonLines"/>
    /// (each non-empty line is an event's data) or <see cref="ResponseFraming.Text"/> (each read is one).
    /// </param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadAsync(TimestampedStream stream, ResponseFraming framing, SseEventHandler handler, CancellationToken cancellationToken)
    {
        while (true)
        {
            MakeRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                // An event not closed by a blank line before the end is discarded, as the spec says; so is
                // an unterminated last line of JSON lines, which cannot be told from a cut one.
                return false;
            }

            _end += read;
            if (framing == ResponseFraming.Text)
            {
                var stop = handler(DefaultEventType, _buffer.AsSpan(_start, _end - _start), stream.LastReadAt);
                _start = _end;
                if (stop)
                {
                    return true;
                }
            }
            else if (DispatchCompleteLines(handler, stream.LastReadAt, framing == ResponseFraming.JsonLines))
            {
                return true;
            }
        }
    }

    /// <summary>Forgets the stream it read, keeping its buffers, so that the next request can reuse it.</summary>
    public void Reset()
    {
        _start = 0;
        _end = 0;
        _skipLineFeed = false;
        _data.ResetWrittenCount();
        _eventType.ResetWrittenCount();
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private bool DispatchCompleteLines(SseEventHandler handler, long arrivedAt, bool linesAreEvents)
    {
        while (_start < _end)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            if (_skipLineFeed)
            {
                // The previous line ended with CR at the end of a read; a LF after it belongs to that CRLF.
                _skipLineFeed = false;
                if (pending[0] == (byte)'\n')
                {
                    _start++;
                    continue;
                }
            }

            var lineEnd = pending.IndexOfAny((byte)'\r', (byte)'\n');
            if (lineEnd < 0)
            {
                return false;
            }

            var terminatorLength = 1;
            if (pending[lineEnd] == (byte)'\r')
            {
                if (lineEnd + 1 < pending.Length)
                {
                    terminatorLength = pending[lineEnd + 1] == (byte)'\n' ? 2 : 1;
                }
                else
                {
                    _skipLineFeed = true;
                }
            }

            var line = pending[..lineEnd];
            _start += lineEnd + terminatorLength;
            if (linesAreEvents)
            {
                if (!line.IsEmpty && handler(DefaultEventType, line, arrivedAt))
                {
                    return true;
                }
            }
            else if (line.IsEmpty ? Dispatch(handler, arrivedAt) : ApplyField(line))
            {
                return true;
            }
        }

        return false;
    }

    /// <returns>Always false: a field line never ends the stream by itself.</returns>
    private bool ApplyField(ReadOnlySpan<byte> line)
    {
        if (line[0] == (byte)':')
        {
            return false;
        }

        var colon = line.IndexOf((byte)':');
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (name.SequenceEqual("data"u8))
        {
            _data.Write(value);
            _data.Write("\n"u8);
        }
        else if (name.SequenceEqual("event"u8))
        {
            _eventType.ResetWrittenCount();
            _eventType.Write(value);
        }

        return false;
    }

    private bool Dispatch(SseEventHandler handler, long arrivedAt)
    {
        if (_data.WrittenCount == 0)
        {
            _eventType.ResetWrittenCount();
            return false;
        }

        var data = _data.WrittenSpan[..^1];
        var eventType = _eventType.WrittenCount > 0 ? _eventType.WrittenSpan : DefaultEventType;
        var stop = handler(eventType, data, arrivedAt);
        _data.ResetWrittenCount();
        _eventType.ResetWrittenCount();
        return stop;
    }

    /// <summary>Moves unread bytes to the front, and doubles the buffer when one line fills it.</summary>
    private void MakeRoom()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
