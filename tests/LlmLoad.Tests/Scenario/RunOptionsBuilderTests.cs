using LlmLoad.Analysis.Watches;
using LlmLoad.Options;
using LlmLoad.Shared;
using LlmLoad.Tests.Support;
using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Scenario;

public sealed class RunOptionsBuilderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("llmload-scenario-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Build_FullScenarioFile_ReadsEverySection()
    {
        var path = Write("full.yaml", """
            name: checkout assistant
            target:
              url: http://127.0.0.1:8000/v1
              model: my-model
              api_key_env: MY_KEY
              stream: false
              timeout: 30s
              insecure: true
              http2: true
            workload:
              input_tokens: 512:128
              output_tokens: 200
              seed: 7
            traffic:
              rate: 4.5
              arrival: gamma:0.5
              concurrency: 64
            limits:
              duration: 2m
              warmup: 10s
              grace: 5s
            output:
              dir: results/run1
              window: 250ms
            """);

        var options = Build(path, new ScenarioSettings(), out var errors);

        Assert.Empty(errors);
        Assert.Equal(new Uri("http://127.0.0.1:8000/v1"), options!.Url);
        Assert.Equal("my-model", options.Model);
        Assert.Equal("MY_KEY", options.ApiKeyEnv);
        Assert.False(options.Stream);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(new LlmLoad.Providers.Transport.HttpTransport(Insecure: true, Http2: true), options.Transport);
        Assert.Equal("normal:512:128", options.Workload.Input.ToString());
        Assert.Equal(200, options.Workload.Output.Mean);
        Assert.Equal(7, options.Seed);
        Assert.Equal(4.5, options.Load.Rate);
        Assert.Equal(new ArrivalProcess(ArrivalKind.Gamma, 0.5), options.Load.Arrival);
        Assert.Equal(64, options.Load.Concurrency);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Load.Duration);
        Assert.Null(options.Load.Requests);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Load.WarmupDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Load.Grace);
        Assert.Equal("results/run1", options.OutDir);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.TimeSeriesWindow);
    }

    [Fact]
    public void Build_FlagsAndFile_FlagsWin()
    {
        var path = Write("base.yaml", """
            traffic:
              concurrency: 4
            limits:
              requests: 50
            """);
        var flags = new ScenarioSettings();
        flags.Set("concurrency", new Setting("16", "--concurrency"));

        var options = Build(path, flags, out var errors);

        Assert.Empty(errors);
        Assert.Equal(16, options!.Load.Concurrency);
        Assert.Equal(50, options.Load.Requests);
    }

    [Fact]
    public void Build_ManyProblems_ReportsAllAtOnceWithFileLineFieldAndExpectation()
    {
        var path = Write("bad.yaml", """
            target:
              url: not-a-url
              modle: gpt-4o
            traffic:
              rate: fast
              concurrency: 0
            limits:
              duration: 10 minutes
            workload:
              input_tokens: -5
            extras:
              a: 1
            """);

        Build(path, new ScenarioSettings(), out var errors);

        Assert.Contains(errors, e => e.StartsWith("bad.yaml:2: target.url: expected an absolute http:// or https:// URL", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.yaml:3: target.modle: unknown field; expected one of: url, provider, model", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.yaml:5: traffic.rate: expected requests per second", StringComparison.Ordinal) && e.EndsWith("got 'fast'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.yaml:6: traffic.concurrency: expected a whole number of at least 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.yaml:8: limits.duration: expected a duration such as", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.yaml:10: workload.input_tokens: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("bad.yaml:11: unknown section 'extras'", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_InvalidYaml_PointsAtTheLine()
    {
        var path = Write("broken.yaml", "traffic:\n  rate: [1, 2\nlimits:\n  requests: 5\n");

        Build(path, new ScenarioSettings(), out var errors);

        var error = Assert.Single(errors);
        Assert.Matches(@"^broken\.yaml:\d+: invalid YAML: ", error);
    }

    [Fact]
    public void Build_MissingFile_SaysSo()
    {
        Build(Path.Combine(_directory, "nope.yaml"), new ScenarioSettings(), out var errors);

        Assert.Contains("scenario file not found", Assert.Single(errors));
    }

    [Theory]
    [InlineData("rate", "inf", "--rate: 'inf' sends everything at once, so it needs --requests")]
    [InlineData("arrival", "constant", "--arrival: an arrival process needs a rate")]
    [InlineData("warmup", "ten", "--warmup: expected a number of requests (e.g. 20) or a duration")]
    [InlineData("max-tokens-field", "max_new_tokens", "--max-tokens-field: expected one of: max_tokens, max_completion_tokens")]
    public void Build_InconsistentFlag_ExplainsTheProblem(string key, string value, string expected)
    {
        var flags = new ScenarioSettings();
        flags.Set(key, new Setting(value, "--" + key));

        Build(null, flags, out var errors);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("anthropic", "--url: a target URL needs the model name the API expects (--model")]
    [InlineData("openai", null)]
    [InlineData("http", null)]
    public void Build_UrlWithoutModel_OpenAiAsksTheServer_AnthropicNeedsIt_AnAppDoesNot(string provider, string? expected)
    {
        var flags = new ScenarioSettings();
        flags.Set("provider", new Setting(provider, "--provider"));
        flags.Set("url", new Setting("http://127.0.0.1:9/v1", "--url"));
        if (provider == "http")
        {
            flags.Set("request-body", new Setting("{}", "--request-body"));
            flags.Set("response-text", new Setting("$.t", "--response-text"));
        }

        var options = Build(null, flags, out var errors);

        if (expected is null)
        {
            Assert.Empty(errors);
            Assert.Equal(provider == "openai", options!.DiscoverModel);
        }
        else
        {
            Assert.StartsWith(expected, Assert.Single(errors), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_MaxTokensFieldWithAnthropic_IsRefusedRatherThanIgnored()
    {
        var flags = new ScenarioSettings();
        flags.Set("provider", new Setting("anthropic", "--provider"));
        flags.Set("max-tokens-field", new Setting("max_completion_tokens", "--max-tokens-field"));

        Build(null, flags, out var errors);

        Assert.Equal("--max-tokens-field: applies to --provider openai and azure, not anthropic", Assert.Single(errors));
    }

    [Theory]
    [InlineData("openai", null, "OPENAI_API_KEY", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":5,\"stream\":false}")]
    [InlineData("openai", "max_completion_tokens", "OPENAI_API_KEY", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_completion_tokens\":5,\"stream\":false}")]
    [InlineData("anthropic", null, "ANTHROPIC_API_KEY", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":5,\"stream\":false}")]
    public void Build_Provider_GivesItsFormatWithItsOwnSettingsAndKeyVariable(string provider, string? maxTokensField, string keyVariable, string body)
    {
        var flags = new ScenarioSettings();
        flags.Set("provider", new Setting(provider, "--provider"));
        if (maxTokensField is not null)
        {
            flags.Set("max-tokens-field", new Setting(maxTokensField, "--max-tokens-field"));
        }

        var options = Build(null, flags, out var errors);

        Assert.Empty(errors);
        Assert.Equal((provider, keyVariable), (options!.Provider, options.ApiKeyEnv));
        Assert.Equal(body, System.Text.Encoding.UTF8.GetString(options.Format.BuildBody("m", [new ChatTurn("user", "Hi")], 5, stream: false)));
    }

    [Fact]
    public void Build_KeyPastedInsteadOfVariableName_ErrorDoesNotRepeatIt()
    {
        var flags = new ScenarioSettings();
        flags.Set("api-key-env", new Setting("sk-proj-abc123-secret", "--api-key-env"));

        Build(null, flags, out var errors);

        var error = Assert.Single(errors);
        Assert.Contains("NAME of an environment variable", error);
        Assert.DoesNotContain("sk-proj", error);
    }

    [Theory]
    [InlineData("quickstart.yaml")]
    [InlineData("openai-compatible.yaml")]
    [InlineData("capacity-dry-run.yaml")]
    [InlineData("reasoning-agent.yaml")]
    public void Build_ShippedExample_IsValid(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "examples")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var options = Build(Path.Combine(directory.FullName, "examples", name), new ScenarioSettings(), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(options);
    }

    [Fact]
    public void Build_NoOptions_QuickstartDefaults()
    {
        var options = Build(null, new ScenarioSettings(), out var errors);

        Assert.Empty(errors);
        Assert.Null(options!.Url);
        Assert.False(options.Load.IsOpenLoop);
        Assert.Equal(RunOptionsBuilder.DefaultConcurrency, options.Load.Concurrency);
        Assert.Equal(RunOptionsBuilder.DefaultRequests, options.Load.Requests);
        Assert.StartsWith("llmload-results", options.OutDir, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), options.TimeSeriesWindow);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("50ms")]
    [InlineData("often")]
    public void Build_BadWindow_NamesTheFlagAndTheMinimum(string value)
    {
        var flags = new ScenarioSettings();
        flags.Set("window", new Setting(value, "--window"));

        var options = Build(null, flags, out var errors);

        Assert.Null(options);
        Assert.Equal($"--window: expected a time-series window of at least 100ms, {DurationText.Expected}, got '{value}'", Assert.Single(errors));
    }

    [Fact]
    public void Build_SloListInFile_ParsesEveryObjectiveAndFlagsReplaceTheList()
    {
        var path = Write("slo.yaml", """
            slo:
              - ttft.p95 < 800ms
              - error_rate<1%
            """);

        var fromFile = Build(path, new ScenarioSettings(), out var errors);
        var flags = new ScenarioSettings();
        flags.Add("slo", new Setting("goodput>=95%", "--slo"));
        var overridden = Build(path, flags, out var overrideErrors);

        Assert.Empty(errors);
        Assert.Equal(["ttft.p95<800ms", "error_rate<1%"], fromFile!.Slos.Select(s => s.Text));
        Assert.Empty(overrideErrors);
        Assert.Equal(["goodput>=95%"], overridden!.Slos.Select(s => s.Text));
    }

    [Fact]
    public void Build_BadSlos_ReportsEachWithFileLineOrFlag()
    {
        var path = Write("bad-slo.yaml", """
            slo:
              - ttft.p95<800ms
              - ttft.p96<800ms
            """);
        var flags = new ScenarioSettings();
        var fromFile = Build(path, flags, out var fileErrors);
        flags.Add("slo", new Setting("e2e.p95<2", "--slo"));
        flags.Add("slo", new Setting("rps>1", "--slo"));
        var fromFlags = Build(null, flags, out var flagErrors);

        Assert.Null(fromFile);
        Assert.Equal(["bad-slo.yaml:3: slo 'ttft.p96<800ms': unknown statistic 'p96'; expected one of mean, p50, p90, p95, p99, p99_9, max, min"], fileErrors);
        Assert.Null(fromFlags);
        Assert.Equal(2, flagErrors.Count);
        Assert.StartsWith("--slo 'e2e.p95<2': '2' is not a duration", flagErrors[0], StringComparison.Ordinal);
        Assert.StartsWith("--slo 'rps>1': unknown metric 'rps'", flagErrors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BreakerInScenario_IsReadAndABadOneNamesTheField()
    {
        var good = Write("breaker.yaml", "limits:\n  breaker: error_rate>20%,window=5s\n");
        var bad = Write("bad-breaker.yaml", "limits:\n  breaker: error_rate>20%,min=lots\n");

        var options = Build(good, new ScenarioSettings(), out var errors);
        Build(bad, new ScenarioSettings(), out var badErrors);

        Assert.Empty(errors);
        Assert.Equal(new BreakerSpec("error_rate>20%,window=5s", 0.2, TimeSpan.FromSeconds(5), BreakerSpec.DefaultMinRequests), options!.Breaker);
        Assert.Equal("bad-breaker.yaml:2: limits.breaker: min 'lots' is not a request count; expected a whole number of at least 1, got 'error_rate>20%,min=lots'", Assert.Single(badErrors));
    }

    private static RunOptions? Build(string? path, ScenarioSettings flags, out List<string> errors)
        => OptionsFromSettings.Build(path, flags, out errors);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
