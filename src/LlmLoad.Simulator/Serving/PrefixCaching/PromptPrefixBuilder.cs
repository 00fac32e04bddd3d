using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LlmLoad.Simulator.Serving.PrefixCaching;

/// <summary>
/// Builds a <see cref="PromptPrefix"/> while a parser reads the messages: one SHA-256 runs over the model
/// name and each message's role and text, and its state after each message is that message's key, so
/// the keys form a chain (a message's key depends on every message before it) for one pass over the text.
/// Each string goes in length-first and each message ends with a marker, so two different message lists
/// never feed the hash the same bytes. Only the text counts, as for the token count (<c>ContentTokens</c>).
/// </summary>
internal sealed class PromptPrefixBuilder : IDisposable
{
    private const int EndOfMessage = -1;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<PrefixBoundary> _boundaries = [];

    public PromptPrefixBuilder(string model) => Append(model);

    public void StartMessage(string role) => Append(role);

    public void AddText(string text) => Append(text);

    /// <param name="tokensSoFar">Prompt tokens up to and including this message.</param>
    public void EndMessage(int tokensSoFar)
    {
        AppendLength(EndOfMessage);
        Span<byte> digest = stackalloc byte[32];
        _hash.GetCurrentHash(digest);
        _boundaries.Add(new PrefixBoundary(BinaryPrimitives.ReadUInt128LittleEndian(digest), tokensSoFar));
    }

    public PromptPrefix Build() => new([.. _boundaries]);

    public void Dispose() => _hash.Dispose();

    private void Append(string text)
    {
        AppendLength(text.Length);
        _hash.AppendData(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    private void AppendLength(int length)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        _hash.AppendData(bytes);
    }
}
