using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Tests.Support;

/// <summary>
/// A response body delivered as a script of reads, each arriving after a given delay on a fake clock,
/// so that timestamps taken by the code under test are exact. A null read stalls until cancelled.
/// </summary>
internal sealed class ScriptedStream(FakeTimeProvider clock, IReadOnlyList<(TimeSpan Delay, byte[]? Bytes)> reads) : Stream
{
    private int _next;
    private int _offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_next >= reads.Count)
        {
            return 0;
        }

        var (delay, bytes) = reads[_next];
        if (bytes is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (_offset == 0)
        {
            clock.Advance(delay);
        }

        var count = Math.Min(buffer.Length, bytes!.Length - _offset);
        bytes.AsSpan(_offset, count).CopyTo(buffer.Span);
        _offset += count;
        if (_offset == bytes.Length)
        {
            _next++;
            _offset = 0;
        }

        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
