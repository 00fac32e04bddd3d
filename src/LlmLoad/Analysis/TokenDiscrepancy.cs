namespace LlmLoad.Analysis;

/// <summary>How far the server's token counts are from the local tokenizer's, over requests that have both.</summary>
internal sealed class TokenDiscrepancy
{
    public long Compared { get; private set; }

    public long Mismatched { get; private set; }

    public long ServerTotal { get; private set; }

    public long TokenizerTotal { get; private set; }

    /// <summary>(server − tokenizer) / tokenizer over all compared requests, in percent.</summary>
    public double DifferencePercent => TokenizerTotal == 0 ? 0 : 100.0 * (ServerTotal - TokenizerTotal) / TokenizerTotal;

    public void Add(int server, int tokenizer)
    {
        Compared++;
        Mismatched += server == tokenizer ? 0 : 1;
        ServerTotal += server;
        TokenizerTotal += tokenizer;
    }
}
