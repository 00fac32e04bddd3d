using Microsoft.ML.Tokenizers;

namespace LlmLoad.Workload;

/// <summary>
/// Counts tokens offline with a real BPE vocabulary (o200k_base, the encoding of gpt-4o, gpt-4.1 and
/// the o-series). The tokenizer data ships inside a NuGet package, so nothing is downloaded at run time.
/// </summary>
public sealed class TokenCounter
{
    private static readonly Lazy<TokenCounter> O200k = new(() => new TokenCounter(TiktokenTokenizer.CreateForEncoding("o200k_base"), "o200k_base"));

    private readonly Tokenizer _tokenizer;

    private TokenCounter(Tokenizer tokenizer, string encoding)
    {
        _tokenizer = tokenizer;
        Encoding = encoding;
    }

    /// <summary>The shared o200k_base counter (thread-safe).</summary>
    public static TokenCounter Default => O200k.Value;

    public string Encoding { get; }

    public int Count(string text) => text.Length == 0 ? 0 : _tokenizer.CountTokens(text);

    /// <summary>Length of the longest prefix of <paramref name="text"/> holding at most <paramref name="maxTokens"/> tokens.</summary>
    public int PrefixLength(string text, int maxTokens, out int tokenCount)
        => _tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out tokenCount);
}
