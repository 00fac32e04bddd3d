namespace LlmLoad.Recording;

/// <summary>Splits a server's token count over a response's chunks in proportion to the local tokenizer's counts.</summary>
internal static class TokenShares
{
    /// <summary>
    /// Whole shares adding up to <paramref name="total"/>, at least one per chunk, the rest split in
    /// proportion to what the tokenizer counted beyond one (by largest remainder, so that rounding never
    /// moves a token to a chunk with a smaller claim).
    /// </summary>
    /// <param name="total">The server's output tokens; at least the number of chunks.</param>
    /// <param name="weights">The tokenizer's count per chunk, each at least 1.</param>
    public static int[] Apportion(int total, int[] weights)
    {
        var shares = new int[weights.Length];
        Array.Fill(shares, 1);
        var extra = total - weights.Length;
        long claims = 0;
        foreach (var weight in weights)
        {
            claims += weight - 1;
        }

        if (extra <= 0)
        {
            return shares;
        }

        // A tokenizer that saw one token per chunk where the server counted more claims nothing beyond one:
        // the extra tokens are then spread evenly.
        var evenly = claims == 0;
        var claimsTotal = evenly ? weights.Length : claims;
        var remainders = new (double Fraction, int Index)[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = (double)extra * (evenly ? 1 : weights[i] - 1) / claimsTotal;
            var whole = (int)Math.Floor(exact);
            shares[i] += whole;
            given += whole;
            remainders[i] = (exact - whole, i);
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Fraction).ThenBy(r => r.Index).Take(extra - given))
        {
            shares[index]++;
        }

        return shares;
    }
}
