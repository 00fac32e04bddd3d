namespace LlmLoad.Corpus;

/// <summary>
/// Lines copied out of the reader's buffer into one reusable block, so a batch can be processed in parallel
/// while holding at most about <c>maxBytes</c> (or one line, if a single line is longer).
/// </summary>
internal sealed class LineBatch(int maxLines, int maxBytes)
{
    private readonly (long Number, int Offset, int Length, bool TooLong)[] _lines = new (long, int, int, bool)[maxLines];
    private byte[] _bytes = new byte[maxBytes];
    private int _used;

    public int Count { get; private set; }

    public bool IsFull => Count == maxLines || _used >= maxBytes;

    public void Add(long number, ReadOnlySpan<byte> line, bool tooLong)
    {
        if (_used + line.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, _used + line.Length);
        }

        line.CopyTo(_bytes.AsSpan(_used));
        _lines[Count++] = (number, _used, line.Length, tooLong);
        _used += line.Length;
    }

    public long LineNumber(int index) => _lines[index].Number;

    public bool IsTooLong(int index) => _lines[index].TooLong;

    public ReadOnlyMemory<byte> Line(int index) => _bytes.AsMemory(_lines[index].Offset, _lines[index].Length);

    public void Clear()
    {
        Count = 0;
        _used = 0;
        if (_bytes.Length > maxBytes)
        {
            _bytes = new byte[maxBytes];
        }
    }
}
