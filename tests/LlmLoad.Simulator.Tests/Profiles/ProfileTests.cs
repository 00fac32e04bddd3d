using LlmLoad.Shared;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Profiles;

namespace LlmLoad.Simulator.Tests.Profiles;

public sealed class ProfileTests
{
    [Fact]
    public void Presets_AreTheDocumentedOnes_AndEachBuildsWithoutErrors()
    {
        Assert.Equal(["gpu-server", "hosted-fast", "hosted-slow", "instant"], ProfileFile.PresetNames);
        foreach (var name in ProfileFile.PresetNames)
        {
            var (_, errors) = Build(name);
            Assert.Empty(errors);
            // Each preset opens with what it models; the realistic ones say their figures are illustrative.
            var text = ProfileFile.PresetText(name);
            Assert.StartsWith($"# {name}: ", text, StringComparison.Ordinal);
            Assert.True(name == "instant" || text.Contains("ILLUSTRATIVE", StringComparison.Ordinal), name);
        }
    }

    [Fact]
    public void GpuServer_HasTheCapacityItsCommentsDerive()
    {
        var (options, _) = Build("gpu-server");

        Assert.Equal(256, options.Capacity.MaxBatch);
        Assert.Equal(400_000, options.Capacity.KvCacheTokens);
        Assert.Equal(10_000, options.Capacity.PrefillTokensPerSecond);
        Assert.Equal(45, options.Capacity.InterTokenLatencyAtMaxBatchMs);
        Assert.Equal(new(8, 1), options.InterTokenLatencyMs);
        Assert.Equal(1000, options.Capacity.MaxQueue);
        Assert.Equal(503, options.Capacity.QueueFullStatus);
    }

    [Theory]
    [InlineData("instant", 0, 0, 1)]
    [InlineData("gpu-server", 400_000, 0, 16)]
    [InlineData("hosted-fast", 10_000_000, 1024, 128)]
    [InlineData("hosted-slow", 10_000_000, 1024, 1)]
    public void Presets_PrefixCache_OffForInstant_OnWithTheProvidersRulesForTheRest(string preset, long tokens, int minTokens, int blockTokens)
    {
        var (options, errors) = Build(preset);

        Assert.Empty(errors);
        Assert.Equal((tokens, minTokens, blockTokens), (options.Capacity.PrefixCacheTokens, options.Capacity.PrefixCacheMinTokens, options.Capacity.PrefixCacheBlockTokens));
    }

    [Fact]
    public void Flags_PrefixCache_ZeroTurnsItOff_AndABlockUnderOneIsAnError()
    {
        var flags = new ScenarioSettings();
        flags.Set("prefix-cache-tokens", new Setting("0", "--prefix-cache-tokens"));
        flags.Set("prefix-cache-block-tokens", new Setting("0", "--prefix-cache-block-tokens"));

        var (options, errors) = Build("gpu-server", flags);

        Assert.Equal(0, options.Capacity.PrefixCacheTokens);
        Assert.Equal(["--prefix-cache-block-tokens: expected a whole number from 1, got '0'"], errors);
    }

    [Fact]
    public void Flags_OverrideThePreset_AndUnlimitedClearsALimit()
    {
        var flags = new ScenarioSettings();
        flags.Set("max-batch", new Setting("8", "--max-batch"));
        flags.Set("max-queue", new Setting("unlimited", "--max-queue"));
        flags.Add("fault", new Setting("503,from=60s,until=120s", "--fault"));

        var (options, errors) = Build("gpu-server", flags);

        Assert.Empty(errors);
        Assert.Equal(8, options.Capacity.MaxBatch);
        Assert.Null(options.Capacity.MaxQueue);
        Assert.Equal(400_000, options.Capacity.KvCacheTokens);
        Assert.Equal([new FaultRule(FaultKind.Status503, 1, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120))], options.Faults);
    }

    [Fact]
    public void ProfileFile_EveryProblemIsReportedWithFileLineAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"llmload-profile-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            timing:
              ttft_ms: fast
              itl_ms_at_max_batch: 40
            capacity:
              max_batch: 0
              queue_full_status: 418
              slots: 3
            rate_limits:
              requests_per_minute: lots
            faults:
              - 503,from=60s,until=120s
              - 504
            """);
        try
        {
            var errors = new List<string>();
            var settings = ProfileFile.Load(path, "--profile", errors);
            var builder = new SimulatorOptionsBuilder(settings);
            builder.Build(new SimulatorOptions());
            errors.AddRange(builder.Errors);
            var file = Path.GetFileName(path);

            Assert.Contains($"{file}:7: capacity.slots: unknown field; expected one of: max_batch, kv_cache_tokens, max_queue, queue_full_status, prefix_cache_tokens, prefix_cache_min_tokens, prefix_cache_block_tokens", errors);
            Assert.Contains($"{file}:2: timing.ttft_ms: expected milliseconds as MEAN or MEAN:STDDEV, e.g. 200 or 200:40, got 'fast'", errors);
            Assert.Contains($"{file}:5: capacity.max_batch: expected a whole number from 1 or 'unlimited', got '0'", errors);
            Assert.Contains($"{file}:6: capacity.queue_full_status: expected one of 429, 503, 529, got '418'", errors);
            Assert.Contains($"{file}:9: rate_limits.requests_per_minute: expected a whole number from 1 or 'unlimited', got 'lots'", errors);
            Assert.Contains(errors, e => e.StartsWith($"{file}:12: faults: fault '504': unknown kind '504'", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith($"{file}:3: timing.itl_ms_at_max_batch: the gap at a full batch needs a batch size", StringComparison.Ordinal));
            Assert.Equal(7, errors.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReasoningSection_SetsTheTokensAndChatField_AndBadValuesNameTheChoices()
    {
        var path = Path.Combine(Path.GetTempPath(), $"llmload-profile-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            reasoning:
              tokens: 256
              chat_field: reasoning
            """);
        try
        {
            var (options, errors) = Build(path);
            Assert.Empty(errors);
            Assert.Equal(new Generation.SimulatedReasoning { Tokens = 256, ChatField = "reasoning" }, options.Reasoning);

            var flags = new ScenarioSettings();
            flags.Set("reasoning-tokens", new Setting("-1", "--reasoning-tokens"));
            flags.Set("reasoning-chat-field", new Setting("thoughts", "--reasoning-chat-field"));
            (_, errors) = Build(path, flags);
            Assert.Equal(
                ["--reasoning-tokens: expected a whole number from 0, got '-1'", "--reasoning-chat-field: expected one of reasoning_content, reasoning, hidden, got 'thoughts'"],
                errors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("0.25", 0.25, null)]
    [InlineData("1.5", 1.0, "--tool-call-share: expected a share from 0 to 1, got '1.5'")]
    public void ToolCallShare_FromTheFlag_ZeroToOne(string value, double expected, string? error)
    {
        var flags = new ScenarioSettings();
        flags.Set("tool-call-share", new Setting(value, "--tool-call-share"));

        var (options, errors) = Build("instant", flags);

        Assert.Equal(expected, options.ToolCallShare);
        Assert.Equal(error is null ? [] : [error], errors);
    }

    [Fact]
    public void MetricsSection_SetsTheFlavour_AndABadOneNamesTheChoices()
    {
        var path = Path.Combine(Path.GetTempPath(), $"llmload-profile-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            metrics:
              flavor: sglang
            """);
        try
        {
            var (options, errors) = Build(path);
            Assert.Empty(errors);
            Assert.Equal(Simulator.Metrics.MetricsFlavor.Sglang, options.MetricsFlavor);
            Assert.Equal(Simulator.Metrics.MetricsFlavor.Vllm, Build("gpu-server").Options.MetricsFlavor);

            var flags = new ScenarioSettings();
            flags.Set("metrics-flavor", new Setting("triton", "--metrics-flavor"));
            (_, errors) = Build(path, flags);
            Assert.Equal(["--metrics-flavor: expected one of vllm, sglang, tgi, llamacpp, got 'triton'"], errors);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UnknownProfile_NamesThePresets()
    {
        var errors = new List<string>();
        ProfileFile.Load("gpu-servr", "--profile", errors);

        Assert.Equal(["--profile: 'gpu-servr' is neither a preset (gpu-server, hosted-fast, hosted-slow, instant) nor an existing file"], errors);
    }

    private static (SimulatorOptions Options, IReadOnlyList<string> Errors) Build(string profile, ScenarioSettings? flags = null)
    {
        var errors = new List<string>();
        var settings = ProfileFile.Load(profile, "--profile", errors);
        if (flags is not null)
        {
            settings.OverrideWith(flags);
        }

        var builder = new SimulatorOptionsBuilder(settings);
        var options = builder.Build(new SimulatorOptions());
        return (options, [.. errors, .. builder.Errors]);
    }
}
