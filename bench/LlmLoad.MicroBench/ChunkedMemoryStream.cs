namespace LlmLoad.MicroBench;

/// <summary>
/// Hands a response out one SSE event per read, the way a socket delivers a paced stream; with
/// <c>completeAsynchronously</c> every read completes later, as a read that waits on the network does.
/// </summary>
internal sealed class ChunkedMemoryStream(byte[] data, bool completeAsynchronously) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = data.AsSpan(_position);
        var eventEnd = remaining.IndexOf("\n\n"u8);
        var length = Math.Min(buffer.Length, eventEnd < 0 ? remaining.Length : eventEnd + 2);
        remaining[..length].CopyTo(buffer);
        _position += length;
        return length;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (completeAsynchronously)
        {
            await Task.Yield();
        }

        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
