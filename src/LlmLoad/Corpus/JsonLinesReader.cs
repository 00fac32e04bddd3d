namespace LlmLoad.Corpus;

/// <summary>
/// Splits a byte stream into lines without decoding it, in a buffer that grows only up to the longest
/// line (capped at <see cref="MaxLineBytes"/>): memory does not depend on the file's size. A longer line
/// is skipped and reported as too long rather than read whole.
/// </summary>
internal sealed class JsonLinesReader(Stream stream)
{
    /// <summary>The longest line read; longer ones are bad lines.</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    private byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes consumed from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// The next line (without its line ending), valid until the next call; false at the end of the stream.
    /// <paramref name="tooLong"/> is set, with an empty line, for a line over <see cref="MaxLineBytes"/>.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;
        var skipping = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = skipping ? default : Line(_start, newline);
                _start += newline + 1;
                LineNumber++;
                tooLong = skipping;
                return true;
            }

            if (_eof)
            {
                if (_end == _start && !skipping)
                {
                    line = default;
                    return false;
                }

                line = skipping ? default : Line(_start, _end - _start);
                _start = _end;
                LineNumber++;
                tooLong = skipping;
                return true;
            }

            if (_end - _start >= MaxLineBytes)
            {
                skipping = true;
                _start = _end;
            }

            Fill();
        }
    }

    private ReadOnlySpan<byte> Line(int start, int length)
    {
        var line = _buffer.AsSpan(start, length);
        if (LineNumber == 0 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        return line.EndsWith((byte)'\r') ? line[..^1] : line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxLineBytes + 1));
        }

        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _eof = read == 0;
        _end += read;
        BytesRead += read;
    }
}
