using System.Globalization;
using System.Net;
using System.Text;

namespace LlmLoad.Comparison;

/// <summary>A line chart as inline SVG: axes with round ticks, one polyline and legend entry per series. No script, no network.</summary>
internal static class SvgLineChart
{
    private const int Width = 720;
    private const int Height = 300;
    private const int Left = 64;
    private const int Right = 16;
    private const int Top = 28;
    private const int Bottom = 44;

    /// <summary>One line per run, in the run's colour.</summary>
    public sealed record Series(string Name, string Color, IReadOnlyList<(double X, double Y)> Points);

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<Series> series)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">"));
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"18\" font-weight=\"bold\">{Encode(title)}</text>"));
        if (points.Count == 0)
        {
            svg.Append(Invariant($"<text x=\"{Left}\" y=\"{Height / 2}\">no data</text></svg>"));
            return svg.ToString();
        }

        var (xMin, xMax) = Range(points.Select(p => p.X));
        var (yMin, yMax) = Range(points.Select(p => p.Y).Append(0));
        var xTicks = Ticks(xMin, xMax);
        var yTicks = Ticks(yMin, yMax);
        (xMin, xMax) = (Math.Min(xMin, xTicks[0]), Math.Max(xMax, xTicks[^1]));
        (yMin, yMax) = (Math.Min(yMin, yTicks[0]), Math.Max(yMax, yTicks[^1]));
        double X(double x) => Left + ((x - xMin) / (xMax - xMin) * (Width - Left - Right));
        double Y(double y) => Height - Bottom - ((y - yMin) / (yMax - yMin) * (Height - Top - Bottom));

        svg.Append("<g font-size=\"11\" fill=\"#444\">");
        foreach (var tick in xTicks)
        {
            svg.Append(Invariant($"<line x1=\"{X(tick):0.#}\" y1=\"{Top}\" x2=\"{X(tick):0.#}\" y2=\"{Height - Bottom}\" stroke=\"#e4e4e4\"/>"));
            svg.Append(Invariant($"<text x=\"{X(tick):0.#}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\">{Label(tick)}</text>"));
        }

        foreach (var tick in yTicks)
        {
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Y(tick):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(tick):0.#}\" stroke=\"#e4e4e4\"/>"));
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\">{Label(tick)}</text>"));
        }

        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Encode(xLabel)}</text>"));
        svg.Append(Invariant($"<text transform=\"translate(14 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Encode(yLabel)}</text>"));
        svg.Append("</g>");
        var legendX = Left + 8.0;
        foreach (var line in series)
        {
            if (line.Points.Count > 0)
            {
                svg.Append("<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"").Append(line.Color).Append("\" points=\"");
                foreach (var (x, y) in line.Points)
                {
                    svg.Append(Invariant($"{X(x):0.#},{Y(y):0.#} "));
                }

                svg.Append("\"><title>").Append(Encode(line.Name)).Append("</title></polyline>");
            }

            svg.Append(Invariant($"<rect x=\"{legendX:0.#}\" y=\"{Top + 2}\" width=\"10\" height=\"10\" fill=\"{line.Color}\"/>"));
            svg.Append(Invariant($"<text x=\"{legendX + 14:0.#}\" y=\"{Top + 11}\" font-size=\"11\">{Encode(line.Name)}</text>"));
            legendX += 24 + (6.5 * line.Name.Length);
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>About five round ticks (1, 2 or 5 × 10ⁿ apart) covering [min, max].</summary>
    internal static double[] Ticks(double min, double max)
    {
        var span = max - min;
        var raw = span / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
        var first = Math.Floor(min / step) * step;
        var ticks = new List<double>();
        for (var tick = first; tick <= max + (step / 2); tick += step)
        {
            ticks.Add(Math.Round(tick, 10));
        }

        return ticks.ToArray();
    }

    private static (double Min, double Max) Range(IEnumerable<double> values)
    {
        var (min, max) = (values.Min(), values.Max());
        return max > min ? (min, max) : (min - 1, max + 1);
    }

    private static string Label(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
