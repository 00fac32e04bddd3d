using System.Globalization;
using LlmLoad.Shared;

namespace LlmLoad.Planning;

/// <summary>How plan figures read on the console, in the invariant culture.</summary>
internal static class PlanNumbers
{
    /// <summary>1,500 · 2,760,000 · 12.5</summary>
    public static string Count(decimal value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>Requests in flight are whole: 12.5 by Little's law needs 13 slots.</summary>
    public static string Slots(decimal value) => Count(decimal.Ceiling(value));

    /// <summary>$210.00 · $0.01175 · $0.0000384: cents always, and below a dollar the small fractions a single request costs.</summary>
    public static string Usd(decimal value) => "$" + value.ToString(Math.Abs(value) < 1 ? "#,0.00######" : "#,0.00###", CultureInfo.InvariantCulture);

    /// <summary>30%</summary>
    public static string Percent(decimal share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>×2</summary>
    public static string Factor(decimal factor) => "×" + factor.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>5 s · 0.8 s</summary>
    public static string Seconds(decimal seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
