using System.Globalization;

namespace LlmLoad.Comparison;

/// <summary>The figures of a comparison as text, one way for the console, Markdown and HTML outputs.</summary>
internal static class ComparisonFormat
{
    public static string Value(ComparedMetric metric, double? value) => value is not { } v ? "-" : metric.Unit switch
    {
        "ms" => Number(v, "0.0"),
        "share" => Number(v * 100, "0.##") + "%",
        "req/s" => Number(v, "0.00"),
        "tok/s" => Number(v, "0.0"),
        "usd" => "$" + Number(v, "0.########"),
        _ => Number(v, "0.###"),
    };

    /// <summary>The change: signed, in the metric's unit (points for a share), with the relative change after it.</summary>
    public static string Delta(MetricComparison comparison)
    {
        if (comparison.Delta is not { } d)
        {
            return "-";
        }

        var absolute = comparison.Metric.Unit switch
        {
            "share" => Signed(d * 100, "0.##") + "pp",
            "ms" => Signed(d, "0.0"),
            "usd" => (d < 0 ? "-$" : "+$") + Number(Math.Abs(d), "0.########"),
            _ => Signed(d, comparison.Metric.Unit == "req/s" ? "0.00" : "0.0"),
        };
        return comparison.Relative is { } r ? $"{absolute} ({Signed(r * 100, "0.0")}%)" : absolute;
    }

    /// <summary>The bootstrap interval of the difference, e.g. <c>[+95.1, +101.9]</c>; "-" when there is none.</summary>
    public static string Interval(MetricComparison comparison)
        => comparison.Interval is { } i ? $"[{Signed(i.Low, "0.0")}, {Signed(i.High, "0.0")}]" : "-";

    public static string P(double? p) => p switch
    {
        null => "-",
        < 0.001 => "<0.001",
        { } v => Number(v, "0.000"),
    };

    /// <summary><c>worse</c>, <c>better</c>, <c>same</c> (not significant) or <c>no test</c>.</summary>
    public static string Verdict(MetricComparison comparison) => comparison.Verdict ?? "no test";

    /// <summary>One line per rule that regressed: what, where, by how much, and the evidence.</summary>
    public static string Regression(FailOnVerdict verdict, ComparisonSettings settings)
    {
        var c = verdict.Comparison;
        var evidence = c.Metric.Kind switch
        {
            MetricKind.Latency => $", {Level(settings)} CI of the difference {Interval(c)} ms, Mann-Whitney p {P(c.P)}",
            MetricKind.Proportion => $", two-proportion z-test p {P(c.P)}",
            _ => " (a whole-run figure, no test: the threshold alone decides)",
        };
        return $"{verdict.Rule.Text}: {verdict.Candidate}: {Value(c.Metric, c.Candidate)} vs {Value(c.Metric, c.Base)} {Unit(c.Metric)}, {Delta(c)}{evidence}";
    }

    public static string Level(ComparisonSettings settings) => Number(settings.Level * 100, "0.#") + "%";

    public static string Unit(ComparedMetric metric) => metric.Unit switch
    {
        "share" => "",
        "usd" => "",
        { } unit => unit,
    };

    /// <summary>How the figures were tested, for the foot of every output.</summary>
    public static string Method(ComparisonSettings settings)
        => $"Latencies from each run's successful measured requests (requests.jsonl). CI: {Level(settings)} seeded percentile bootstrap of the difference (candidate - base), {settings.Resamples} resamples, seed {settings.Seed}; p: Mann-Whitney U, normal approximation with tie and continuity correction (latencies), two-proportion z-test (error rate, goodput); significant at alpha {settings.Alpha.ToString(System.Globalization.CultureInfo.InvariantCulture)}. Throughput, cost and ITL are whole-run figures without a test.";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Signed(double value, string format)
    {
        var text = Number(value, format);
        return text.StartsWith('-') ? text : "+" + text;
    }
}
