using LlmLoad.Routing;
using LlmLoad.Shared;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Routing;

public sealed class TargetScenarioTests
{
    [Fact]
    public void Build_TheFailoverExample_ReadsItsTargetsBreakerAndOutage()
    {
        var path = Path.Combine(RepositoryRoot(), "examples", "failover.yaml");

        var options = OptionsFromSettings.Build(path, new ScenarioSettings(), out var errors);

        Assert.Empty(errors);
        var routing = options!.Routing!;
        Assert.Equal(["primary", "fallback"], routing.Targets.Select(t => t.Name));
        Assert.Equal([80.0, 20.0], routing.Targets.Select(t => t.Weight));
        Assert.Equal(TargetRole.Fallback, routing.Targets[1].Role);
        Assert.Null(routing.Targets[0].Url);
        Assert.Equal(TimeSpan.FromSeconds(5), routing.Breaker.SamplingWindow);
        var outage = Assert.Single(routing.Outages);
        Assert.Equal(("primary", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), OutageKind.Status503), (outage.Target, outage.At, outage.For, outage.Kind));
    }

    [Theory]
    [InlineData("openai=https://api.openai.com/v1,weight=80,model=gpt-4o-mini", "openai", "https://api.openai.com/v1", 80, "primary")]
    [InlineData("backup,role=fallback", "backup", null, 1, "fallback")]
    [InlineData("name=gw,url=http://127.0.0.1:8080/v1,served_by=header:x-served-by", "gw", "http://127.0.0.1:8080/v1", 1, "primary")]
    public void Parse_TheTargetForms_ReadNameUrlWeightAndRole(string text, string name, string? url, double weight, string role)
    {
        var spec = TargetSpecText.Parse(text);

        Assert.Equal((name, url, weight, role), (spec.Name, spec.Url?.ToString().TrimEnd('/'), spec.Weight, spec.Role.ToString().ToLowerInvariant()));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Directory.Packages.props")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }
}
