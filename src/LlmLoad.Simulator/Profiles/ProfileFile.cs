using System.Reflection;
using LlmLoad.Shared;

namespace LlmLoad.Simulator.Profiles;

/// <summary>
/// A server profile in YAML: how the simulated server times tokens, how much it can serve at once,
/// its rate limits and its faults. The built-in presets are such files, embedded; <c>--profile</c>
/// takes a preset's name or a file's path, and command-line flags override either.
/// </summary>
internal static class ProfileFile
{
    private static readonly SettingsFile Format = new(
        new Dictionary<string, Dictionary<string, string>>
        {
            ["timing"] = new()
            {
                ["ttft_ms"] = "ttft-ms", ["itl_ms"] = "itl-ms", ["itl_ms_at_max_batch"] = "itl-ms-at-max-batch",
                ["prefill_tokens_per_s"] = "prefill-tokens-per-s", ["default_max_tokens"] = "default-max-tokens",
            },
            ["capacity"] = new()
            {
                ["max_batch"] = "max-batch", ["kv_cache_tokens"] = "kv-cache-tokens", ["max_queue"] = "max-queue", ["queue_full_status"] = "queue-full-status",
                ["prefix_cache_tokens"] = "prefix-cache-tokens", ["prefix_cache_min_tokens"] = "prefix-cache-min-tokens",
                ["prefix_cache_block_tokens"] = "prefix-cache-block-tokens",
            },
            ["reasoning"] = new()
            {
                ["tokens"] = "reasoning-tokens", ["chat_field"] = "reasoning-chat-field",
            },
            ["tools"] = new()
            {
                ["call_share"] = "tool-call-share",
            },
            ["gpu"] = new()
            {
                ["simulated"] = "simulated-gpu",
            },
            ["metrics"] = new()
            {
                ["flavor"] = "metrics-flavor",
            },
            ["rate_limits"] = new()
            {
                ["requests_per_minute"] = "rpm", ["tokens_per_minute"] = "tpm",
                ["input_tokens_per_minute"] = "input-tpm", ["output_tokens_per_minute"] = "output-tpm",
                ["max_concurrent_requests"] = "max-concurrent", ["short_window"] = "rate-limit-window", ["retry_after"] = "retry-after",
            },
        },
        new Dictionary<string, string> { ["faults"] = "fault" },
        "profile");

    /// <summary>The built-in presets, by name (the embedded file's name without .yaml).</summary>
    public static IReadOnlyList<string> PresetNames { get; } = Assembly.GetExecutingAssembly().GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    private const string ResourcePrefix = "LlmLoad.Simulator.Profiles.Presets.";

    /// <summary>Loads a preset by name, else a YAML file by path.</summary>
    /// <param name="label">Where the name came from, for the error when it is neither (<c>--profile</c>).</param>
    public static ScenarioSettings Load(string nameOrPath, string label, List<string> errors)
    {
        if (PresetNames.Contains(nameOrPath))
        {
            using var reader = new StreamReader(OpenPreset(nameOrPath));
            return Format.Load(reader, $"profile {nameOrPath}", errors);
        }

        if (!File.Exists(nameOrPath))
        {
            errors.Add($"{label}: '{nameOrPath}' is neither a preset ({string.Join(", ", PresetNames)}) nor an existing file");
            return new ScenarioSettings();
        }

        return Format.Load(nameOrPath, errors);
    }

    /// <summary>The preset's YAML text, comments included: they say where its figures come from.</summary>
    public static string PresetText(string name)
    {
        using var reader = new StreamReader(OpenPreset(name));
        return reader.ReadToEnd();
    }

    private static Stream OpenPreset(string name)
        => Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + name + ".yaml")
           ?? throw new InvalidOperationException($"The preset {name} is not embedded.");
}
