using System.Text;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// The generated vocabulary as ready-to-send UTF-8, each entry " word": exactly one o200k_base token,
/// so every content chunk is one token and the text tokenizes back to <c>completion_tokens</c>. The words
/// are plain ASCII letters, so they need no JSON escaping inside a string.
/// </summary>
internal static class WordBytes
{
    private static readonly byte[][] Table = WordList.Words.Select(word => Encoding.UTF8.GetBytes(" " + word)).ToArray();

    public static int Count => Table.Length;

    public static ReadOnlySpan<byte> Get(int index) => Table[index];
}
