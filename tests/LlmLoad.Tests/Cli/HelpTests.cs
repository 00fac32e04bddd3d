using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

public sealed class HelpTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static readonly string[] Commands = ["run", "simulate", "find-limit", "plan", "compare", "corpus", "estimate", "report", "merge"];

    [Fact]
    public async Task RootHelp_ListsEveryCommandOnOneLine_WithoutAnyCommandsLongText()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync(["--help"], Limit);

        Assert.Equal(0, exit);
        var commandLines = stdout[stdout.IndexOf("Commands:", StringComparison.Ordinal)..].Split('\n').Skip(1).Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal(Commands, commandLines.Select(l => l.Trim().Split(' ')[0]));
        Assert.DoesNotContain("Metrics (per request", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("A step's verdict", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "Metrics (per request")]
    [InlineData("find-limit", "A step's verdict")]
    [InlineData("estimate", "low/high")]
    [InlineData("compare", "AND significant")]
    public async Task CommandHelp_KeepsItsFullText(string command, string expected)
    {
        var (exit, stdout, _) = await CliProcess.RunAsync([command, "--help"], Limit);

        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
    }
}
