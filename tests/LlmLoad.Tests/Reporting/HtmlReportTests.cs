using System.Text.Json;
using System.Text.RegularExpressions;
using LlmLoad.Reporting.Html;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Reporting;

/// <summary>report.html as a file: its size for a long run, and names from the run that must stay text.</summary>
public sealed class HtmlReportTests
{
    public const string Breakout = "</script><script>window.pwned = 1</script><!--";

    [Fact]
    public void Report_OneHourAtOneSecondWindows_StaysUnderTwoMegabytes()
    {
        using var results = new ResultsDirectory();
        SyntheticResults.Write(results.Path, windows: 3600, requestsPerWindow: 10);

        var path = HtmlReport.WriteRun(results.Path, File.ReadAllBytes(results.SummaryFile));

        var size = new FileInfo(path).Length;
        Assert.True(size <= 2 * 1024 * 1024, $"report.html is {size} bytes");
        var data = Data(File.ReadAllText(path));
        var columns = data.GetProperty("timeseries").GetProperty("numeric").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("values"));
        Assert.Equal(3600, columns["t_end_s"].GetArrayLength());
        Assert.All(SyntheticResults.ExtraColumns, name => Assert.Equal(3600, columns[name].GetArrayLength()));
        var ttft = data.GetProperty("distributions").EnumerateArray().First(d => d.GetProperty("metric").GetString() == "ttft_ms");
        // 36,000 requests, one in a hundred failed (no TTFT): the distribution counts the rest, in a few dozen bins.
        Assert.Equal(35640, ttft.GetProperty("count").GetInt64());
        Assert.Equal(35640, ttft.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64()));
        Assert.InRange(ttft.GetProperty("counts").GetArrayLength(), 10, 40);
    }

    [Fact]
    public void Report_ModelAndCategoryNamesEndingTheScript_StayInsideTheData()
    {
        using var results = new ResultsDirectory();
        SyntheticResults.Write(results.Path, windows: 5, requestsPerWindow: 2, model: Breakout, category: "cat " + Breakout);

        var html = File.ReadAllText(HtmlReport.WriteRun(results.Path, File.ReadAllBytes(results.SummaryFile)));

        // Three script elements (data, uPlot, the page's script), each ended once: the names ended none.
        Assert.Equal(3, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        Assert.Equal(3, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.DoesNotContain("<!--", html);
        var summary = Data(html).GetProperty("summary");
        Assert.Equal(Breakout, summary.GetProperty("run").GetProperty("target").GetProperty("model").GetString());
        Assert.Equal("cat " + Breakout, summary.GetProperty("categories")[0].GetProperty("name").GetString());
    }

    /// <summary>The JSON in the page's data element, as the page's script reads it.</summary>
    internal static JsonElement Data(string html)
    {
        var match = Regex.Match(html, "<script type=\"application/json\" id=\"llmload-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success, "no data element");
        return JsonDocument.Parse(match.Groups[1].Value).RootElement.Clone();
    }
}
