using Microsoft.ML.Tokenizers;

namespace LlmLoad.Workload;

/// <summary>
/// Counts tokens offline with a real BPE vocabulary: o200k_base (gpt-4o, gpt-4.1, gpt-5, the o-series)
/// or cl100k_base (gpt-4, gpt-3.5, and the closest public stand-in for Llama 3, whose vocabulary extends
/// it). The tokenizer data ships inside NuGet packages, so nothing is downloaded at run time.
/// </summary>
public sealed class TokenCounter
{
    public const string O200kBase = "o200k_base";
    public const string Cl100kBase = "cl100k_base";

    // A counter is cheap; its vocabulary (about 50 MB for o200k_base, a third of a CPU second to load) is read on
    // the first count only. A run whose prompts are synthetic and whose server reports usage never needs it.
    private static readonly TokenCounter O200k = new(O200kBase);
    private static readonly TokenCounter Cl100k = new(Cl100kBase);

    /// <summary>Model name prefixes whose own tokenizer is cl100k_base, or whose closest public one is.</summary>
    private static readonly string[] Cl100kModels = ["gpt-4", "gpt-3.5", "text-embedding-3", "text-embedding-ada", "llama-3", "llama3", "meta-llama-3"];

    /// <summary>Model name prefixes that use o200k_base.</summary>
    private static readonly string[] O200kModels = ["gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "chatgpt-4o", "o1", "o3", "o4", "gpt-oss"];

    private readonly Lazy<Tokenizer> _tokenizer;

    private TokenCounter(string encoding)
    {
        _tokenizer = new(() => TiktokenTokenizer.CreateForEncoding(encoding));
        Encoding = encoding;
    }

    /// <summary>The shared o200k_base counter (thread-safe).</summary>
    public static TokenCounter Default => O200k;

    public static IReadOnlyList<string> Encodings { get; } = [O200kBase, Cl100kBase];

    public string Encoding { get; }

    /// <summary>The counter for an encoding named in <see cref="Encodings"/> (thread-safe, shared).</summary>
    public static TokenCounter ForEncoding(string encoding) => encoding switch
    {
        O200kBase => O200k,
        Cl100kBase => Cl100k,
        _ => throw new ArgumentException($"unknown encoding '{encoding}'; expected one of {string.Join(", ", Encodings)}", nameof(encoding)),
    };

    /// <summary>
    /// The encoding for a model family: o200k_base for OpenAI's current models, cl100k_base for the
    /// older ones and Llama 3; o200k_base as the documented approximation for every other family
    /// (Claude, Gemini, Mistral, Qwen... have no public tiktoken vocabulary; their usage counts rule).
    /// </summary>
    public static string EncodingForModel(string model)
    {
        // Without an organisation prefix: meta-llama/Llama-3.1-8B-Instruct is llama-3.1-8b-instruct.
        var bare = model.ToLowerInvariant()[(model.LastIndexOf('/') + 1)..];
        if (O200kModels.Any(p => bare.StartsWith(p, StringComparison.Ordinal)))
        {
            return O200kBase;
        }

        return Cl100kModels.Any(p => bare.StartsWith(p, StringComparison.Ordinal)) ? Cl100kBase : O200kBase;
    }

    /// <summary>Whether <see cref="EncodingForModel"/> knows the model's own tokenizer rather than approximating it.</summary>
    public static bool IsExactFor(string model)
    {
        var bare = model.ToLowerInvariant()[(model.LastIndexOf('/') + 1)..];
        return O200kModels.Concat(["gpt-4", "gpt-3.5", "text-embedding"]).Any(p => bare.StartsWith(p, StringComparison.Ordinal));
    }

    public int Count(string text) => text.Length == 0 ? 0 : _tokenizer.Value.CountTokens(text);

    /// <summary>Length of the longest prefix of <paramref name="text"/> holding at most <paramref name="maxTokens"/> tokens.</summary>
    public int PrefixLength(string text, int maxTokens, out int tokenCount)
        => _tokenizer.Value.GetIndexByTokenCount(text, maxTokens, out _, out tokenCount);
}
