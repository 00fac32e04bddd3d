using System.Net.Http.Json;
using System.Text.Json;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Cli;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_FirstLineIsListeningAddress_ServesChatAndExitsZeroOnSigterm()
    {
        using var cli = CliProcess.Start(["simulate", "--port", "0", "--ttft-ms", "10", "--itl-ms", "1"]);

        var line = await cli.FirstLineAsync(TimeSpan.FromSeconds(30));
        Assert.Matches(@"^listening on http://127\.0\.0\.1:\d+$", line);

        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(line["listening on ".Length..] + "/v1/chat/completions",
            new { model = "m", messages = new[] { new { role = "user", content = "Hello" } }, max_tokens = 3 });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3, body.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());

        cli.Signal("TERM");
        Assert.Equal(0, await cli.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Simulate_BadTiming_ExitsTwoWithTheOptionNamed()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["simulate", "--ttft-ms", "fast"], TimeSpan.FromSeconds(30));

        Assert.Equal(2, exit);
        Assert.Contains("--ttft-ms:", stderr);
    }
}
