using System.Text;

namespace LlmLoad.Reporting.Html;

/// <summary>
/// Assembles report.html: one self-contained page with the chart library (vendored uPlot), the page's script
/// and style and the report's data inlined, so that it opens offline. The Content-Security-Policy forbids every
/// fetch, so nothing in the page can reach a network even by mistake.
/// </summary>
internal static class ReportPage
{
    public const string FileName = "report.html";

    private static readonly Lazy<string> Css = new(() => Resource("uPlot.min.css") + "\n" + Resource("report.css"));
    private static readonly Lazy<string> Scripts = new(() => Script(Resource("uPlot.iife.min.js")) + "\n" + Script(Resource("report.js")));

    /// <summary>Writes <paramref name="directory"/>/report.html atomically around <paramref name="dataJson"/> (UTF-8 JSON); returns its path.</summary>
    public static string Write(string directory, byte[] dataJson)
    {
        var path = Path.Combine(directory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Html(dataJson), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    public static string Html(byte[] dataJson)
    {
        var page = new StringBuilder(Scripts.Value.Length + dataJson.Length + 4096);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>llmload report</title>\n<style>\n").Append(Css.Value).Append("\n</style>\n</head>\n<body>\n<main id=\"report\"></main>\n")
            .Append("<script type=\"application/json\" id=\"llmload-data\">").Append(InertJson(dataJson)).Append("</script>\n")
            .Append(Scripts.Value)
            .Append("\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>
    /// The data as text that cannot end its script element: every <c>&lt;</c> becomes <c>\u003c</c>. In JSON a
    /// <c>&lt;</c> can only be inside a string, where the escape means the same character, so a name such as
    /// <c>&lt;/script&gt;</c> stays a name.
    /// </summary>
    public static string InertJson(byte[] dataJson) => Encoding.UTF8.GetString(dataJson).Replace("<", "\\u003c", StringComparison.Ordinal);

    private static string Script(string code)
    {
        // Our own files: a "</script" in them would end the element early, so refuse to build such a page.
        if (code.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("an inlined script contains </script");
        }

        return "<script>\n" + code + "\n</script>";
    }

    private static string Resource(string name)
    {
        using var stream = typeof(ReportPage).Assembly.GetManifestResourceStream("LlmLoad.Reporting.Html." + name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
