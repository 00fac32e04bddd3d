using System.Globalization;
using System.Text;

namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4
/// (https://prometheus.io/docs/instrumenting/exposition_formats/). Hand-written because prometheus-net 8
/// rejects ':' in metric names (its check is <c>^[a-zA-Z_][a-zA-Z0-9_]*$</c>), and every vLLM name has one.
/// </summary>
internal sealed class ExpositionWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new(capacity: 16 * 1024);
    private readonly NumberSpelling _spelling;

    public ExpositionWriter(NumberSpelling spelling = NumberSpelling.PythonFloat) => _spelling = spelling;

    /// <summary>Starts a metric family. For a counter, <paramref name="name"/> is the sample name, ending in _total.</summary>
    /// <param name="help">Null writes no HELP line, as an exporter does for a series nobody described (TGI's failures).</param>
    public void Family(string name, string type, string? help)
    {
        if (help is not null)
        {
            _text.Append("# HELP ").Append(name).Append(' ');
            AppendEscaped(_text, help, escapeQuote: false);
            _text.Append('\n');
        }

        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    /// <param name="labels">Rendered label pairs without braces, from <see cref="Label"/>; empty writes no braces, as exporters without labels do.</param>
    public void Sample(string name, string labels, double value)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{').Append(labels).Append('}');
        }

        _text.Append(' ');
        AppendNumber(value);
        _text.Append('\n');
    }

    /// <summary>Writes the cumulative _bucket series, then _count and _sum, in the order prometheus_client does.</summary>
    public void Histogram(string name, string labels, HistogramSeries series)
    {
        var bucketName = name + "_bucket";
        var bounds = series.UpperBounds;
        long cumulative = 0;
        for (var i = 0; i <= bounds.Length; i++)
        {
            cumulative += series.CountIn(i);
            _text.Append(bucketName).Append('{').Append(labels).Append(labels.Length > 0 ? ",le=\"" : "le=\"");
            if (i < bounds.Length)
            {
                AppendNumber(bounds[i]);
            }
            else
            {
                _text.Append("+Inf");
            }

            _text.Append("\"} ");
            AppendNumber(cumulative);
            _text.Append('\n');
        }

        Sample(name + "_count", labels, cumulative);
        Sample(name + "_sum", labels, series.Sum);
    }

    /// <summary>Renders <c>name="value"</c> with the value escaped as the format requires.</summary>
    public static string Label(string name, string value)
    {
        var text = new StringBuilder(name.Length + value.Length + 3).Append(name).Append("=\"");
        AppendEscaped(text, value, escapeQuote: true);
        return text.Append('"').ToString();
    }

    public override string ToString() => _text.ToString();

    // HELP text escapes backslash and newline; label values also escape the double quote.
    private static void AppendEscaped(StringBuilder text, string value, bool escapeQuote)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    text.Append(@"\\");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                case '"' when escapeQuote:
                    text.Append("\\\"");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }
    }

    // In PythonFloat spelling: vLLM's prometheus_client prints every number as a Python float ("1.0", "0.001", "2560.0"). Doing the
    // same keeps le label values identical to a real vLLM's: before Prometheus 3.0, le is compared as a
    // string, so a query selecting le="1.0" would find nothing if the simulator wrote le="1".
    private void AppendNumber(double value)
    {
        // .NET spells these "Infinity"/"-Infinity"; the format wants Go's spelling.
        if (!double.IsFinite(value))
        {
            _text.Append(double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf");
            return;
        }

        if (_spelling == NumberSpelling.CppStream)
        {
            // ostream's default is printf's %g with precision 6; .NET's G6 applies the same fixed-or-exponent rule.
            _text.Append(value == 0 ? "0" : value.ToString("G6", CultureInfo.InvariantCulture).Replace('E', 'e'));
            return;
        }

        var start = _text.Length;
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        if (_spelling == NumberSpelling.Shortest)
        {
            return;
        }

        var integral = true;
        for (var i = start; i < _text.Length; i++)
        {
            if (!char.IsAsciiDigit(_text[i]) && _text[i] != '-')
            {
                integral = false;
                break;
            }
        }

        if (integral)
        {
            _text.Append(".0");
        }
    }
}
