using System.Globalization;
using LlmLoad.Shared;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Metrics;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Workload;

namespace LlmLoad.Simulator.Profiles;

/// <summary>
/// Validates a profile's settings (preset or file, then flags on top) into <see cref="SimulatorOptions"/>,
/// reporting every problem at once, each naming where the value came from and what was expected.
/// A limit can be set back to <c>unlimited</c> over a preset's.
/// </summary>
internal sealed class SimulatorOptionsBuilder(ScenarioSettings settings)
{
    private const string Unlimited = "unlimited";
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Applies the settings over <paramref name="options"/>, which carries the values not in a profile (host, port, seed…).</summary>
    public SimulatorOptions Build(SimulatorOptions options)
    {
        var capacity = new ServingCapacity
        {
            MaxBatch = Limit("max-batch", options.Capacity.MaxBatch, 1, int.MaxValue, v => (int)v),
            KvCacheTokens = Limit("kv-cache-tokens", options.Capacity.KvCacheTokens, 1, long.MaxValue, v => v),
            MaxQueue = Limit("max-queue", options.Capacity.MaxQueue, 0, int.MaxValue, v => (int)v),
            QueueFullStatus = Get("queue-full-status", ParseQueueFullStatus) ?? options.Capacity.QueueFullStatus,
            PrefillTokensPerSecond = Limit("prefill-tokens-per-s", options.Capacity.PrefillTokensPerSecond, 1, long.MaxValue, v => (double)v),
            InterTokenLatencyAtMaxBatchMs = Get("itl-ms-at-max-batch", ParseMilliseconds) ?? options.Capacity.InterTokenLatencyAtMaxBatchMs,
            PrefixCacheTokens = Get("prefix-cache-tokens", v => ParseWhole(v, 0, long.MaxValue)) ?? options.Capacity.PrefixCacheTokens,
            PrefixCacheMinTokens = (int?)Get("prefix-cache-min-tokens", v => ParseWhole(v, 0, int.MaxValue)) ?? options.Capacity.PrefixCacheMinTokens,
            PrefixCacheBlockTokens = (int?)Get("prefix-cache-block-tokens", v => ParseWhole(v, 1, int.MaxValue)) ?? options.Capacity.PrefixCacheBlockTokens,
        };
        if (capacity.InterTokenLatencyAtMaxBatchMs is not null && capacity.MaxBatch is null)
        {
            _errors.Add($"{settings["itl-ms-at-max-batch"]?.Label ?? "itl-ms-at-max-batch"}: the gap at a full batch needs a batch size (max-batch)");
        }

        var limits = new RateLimits
        {
            RequestsPerMinute = Limit("rpm", options.RateLimits.RequestsPerMinute, 1, long.MaxValue, v => v),
            TokensPerMinute = Limit("tpm", options.RateLimits.TokensPerMinute, 1, long.MaxValue, v => v),
            InputTokensPerMinute = Limit("input-tpm", options.RateLimits.InputTokensPerMinute, 1, long.MaxValue, v => v),
            OutputTokensPerMinute = Limit("output-tpm", options.RateLimits.OutputTokensPerMinute, 1, long.MaxValue, v => v),
            MaxConcurrentRequests = Limit("max-concurrent", options.RateLimits.MaxConcurrentRequests, 1, int.MaxValue, v => (int)v),
            ShortWindow = Get("rate-limit-window", ParseShortWindow) ?? options.RateLimits.ShortWindow,
            RetryAfter = Get("retry-after", ParseRetryAfterStyle) ?? options.RateLimits.RetryAfter,
        };
        var faults = settings.All("fault").Count > 0 ? settings.All("fault").Select(ParseFault).OfType<FaultRule>().ToArray() : options.Faults;

        return options with
        {
            TimeToFirstTokenMs = Get("ttft-ms", ParseSpec) ?? options.TimeToFirstTokenMs,
            InterTokenLatencyMs = Get("itl-ms", ParseSpec) ?? options.InterTokenLatencyMs,
            DefaultMaxTokens = Get("default-max-tokens", v => ParseWhole(v, 1, 1_000_000)) is { } maxTokens ? (int)maxTokens : options.DefaultMaxTokens,
            Capacity = capacity,
            Reasoning = new SimulatedReasoning
            {
                Tokens = (int?)Get("reasoning-tokens", v => ParseWhole(v, 0, 1_000_000)) ?? options.Reasoning.Tokens,
                ChatField = Get("reasoning-chat-field", ParseChatReasoningField) ?? options.Reasoning.ChatField,
            },
            ToolCallShare = Get("tool-call-share", ParseShare) ?? options.ToolCallShare,
            RateLimits = limits,
            Faults = faults,
            SimulatedGpu = Get("simulated-gpu", ParseBool) ?? options.SimulatedGpu,
            MetricsFlavor = Get("metrics-flavor", ParseMetricsFlavor) ?? options.MetricsFlavor,
        };
    }

    private T? Get<T>(string key, Func<string, (T? Value, string? Error)> parse)
    {
        if (settings[key] is not { } setting)
        {
            return default;
        }

        var (value, error) = parse(setting.Value);
        if (error is not null)
        {
            _errors.Add($"{setting.Label}: {error}, got '{setting.Value}'");
        }

        return value;
    }

    /// <summary>A limit: a whole number in range, or <c>unlimited</c> (null); absent keeps <paramref name="current"/>.</summary>
    private T? Limit<T>(string key, T? current, long min, long max, Func<long, T> convert)
        where T : struct
    {
        if (settings[key] is not { } setting)
        {
            return current;
        }

        if (string.Equals(setting.Value, Unlimited, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var (value, error) = ParseWhole(setting.Value, min, max);
        if (error is not null)
        {
            _errors.Add($"{setting.Label}: {error} or '{Unlimited}', got '{setting.Value}'");
            return current;
        }

        return convert(value!.Value);
    }

    private FaultRule? ParseFault(Setting setting)
    {
        try
        {
            return FaultRuleText.Parse(setting.Value);
        }
        catch (FormatException ex)
        {
            _errors.Add($"{setting.Label}: {ex.Message}");
            return null;
        }
    }

    private static (bool? Value, string? Error) ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" => (true, null),
        "false" => (false, null),
        _ => (null, "expected true or false"),
    };

    private static (long? Value, string? Error) ParseWhole(string text, long min, long max)
        => long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (null, $"expected a whole number from {min.ToString(CultureInfo.InvariantCulture)}");

    private static (NormalSpec? Value, string? Error) ParseSpec(string text)
        => NormalSpec.TryParse(text, out var spec, out _) ? (spec, null) : (null, "expected milliseconds as MEAN or MEAN:STDDEV, e.g. 200 or 200:40");

    private static (double? Value, string? Error) ParseMilliseconds(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? (value, null)
            : (null, "expected milliseconds, a number of 0 or more");

    private static (double? Value, string? Error) ParseShare(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? (value, null)
            : (null, "expected a share from 0 to 1");

    private static (string? Value, string? Error) ParseChatReasoningField(string text)
        => SimulatedReasoning.ChatFields.Contains(text) ? (text, null) : (null, $"expected one of {string.Join(", ", SimulatedReasoning.ChatFields)}");

    /// <summary>The short window over the minute's limits: a duration from 1 s to under a minute (Azure checks over 1s or 10s).</summary>
    private static (TimeSpan? Value, string? Error) ParseShortWindow(string text)
        => DurationText.TryParse(text, out var window) && window >= TimeSpan.FromSeconds(1) && window < TimeSpan.FromMinutes(1)
            ? (window, null)
            : (null, "expected a window from 1s to 59s, e.g. 1s or 10s");

    private static (RetryAfterStyle? Value, string? Error) ParseRetryAfterStyle(string text) => text switch
    {
        "provider" => (RetryAfterStyle.Provider, null),
        "seconds" => (RetryAfterStyle.Seconds, null),
        "ms" => (RetryAfterStyle.Milliseconds, null),
        "none" => (RetryAfterStyle.None, null),
        _ => (null, "expected provider (each API's own), seconds (retry-after only), ms (retry-after-ms only) or none"),
    };

    private static (MetricsFlavor? Value, string? Error) ParseMetricsFlavor(string text)
        => MetricsFlavors.TryParse(text, out var flavor) ? (flavor, null) : (null, $"expected one of {string.Join(", ", MetricsFlavors.Names)}");

    private static (int? Value, string? Error) ParseQueueFullStatus(string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && ServingCapacity.QueueFullStatuses.Contains(status)
            ? (status, null)
            : (null, $"expected one of {string.Join(", ", ServingCapacity.QueueFullStatuses)}");
}
