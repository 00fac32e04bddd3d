using System.Globalization;

namespace LlmLoad.Shared;

/// <summary>How amounts of money are written: exact decimals without the trailing zeros decimal arithmetic keeps.</summary>
internal static class Usd
{
    /// <summary>Mean amounts (a total over a count) are rounded to a nano-dollar; sums and products of prices stay exact.</summary>
    public const int MeanDecimals = 9;

    /// <summary>Dividing by 1.000…0 drops trailing zeros (0.000640000 → 0.00064) without changing the value.</summary>
    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    /// <summary>For people: dollars with enough digits that a small amount does not show as $0.00.</summary>
    public static string Format(decimal value)
    {
        var abs = Math.Abs(value);
        var format = abs == 0 || abs >= 100 ? "#,0.00" : abs >= 1 ? "0.00##" : abs >= 0.01m ? "0.0000" : "0.00######";
        return "$" + value.ToString(format, CultureInfo.InvariantCulture);
    }
}
