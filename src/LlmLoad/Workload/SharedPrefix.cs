using System.Globalization;

namespace LlmLoad.Workload;

/// <summary>
/// K system prompts of P tokens each (<c>--shared-prefix K:P</c>), shared across requests to exercise a
/// server's prefix (prompt) cache: request seq uses prompt seq mod K, byte for byte the same every time,
/// followed by its own unique user message.
/// </summary>
internal sealed class SharedPrefix
{
    public const string Expected = "K:P, the number of shared system prompts and their length in tokens, e.g. 4:1024";

    private readonly string[] _prompts;

    public SharedPrefix(int count, int tokens, int seed)
    {
        Count = count;
        Tokens = tokens;
        _prompts = [.. Enumerable.Range(0, count).Select(k => SyntheticPrompts.BuildText(new Random(StreamSeed.For(seed, k, purpose: 2)), tokens))];
    }

    public int Count { get; }

    public int Tokens { get; }

    public string For(long seq) => _prompts[seq % Count];

    public static bool TryParse(string text, out (int Count, int Tokens) spec, out string error)
    {
        spec = default;
        var parts = text.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 1
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var tokens) && tokens >= 1)
        {
            spec = (count, tokens);
            error = "";
            return true;
        }

        error = "expected " + Expected;
        return false;
    }
}
