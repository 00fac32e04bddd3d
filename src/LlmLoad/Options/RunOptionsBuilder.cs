using System.Globalization;
using LlmLoad.Analysis;
using LlmLoad.Analysis.Server;
using LlmLoad.Analysis.Slo;
using LlmLoad.Analysis.Watches;
using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Providers;
using LlmLoad.Providers.Formats;
using LlmLoad.Providers.Transport;
using LlmLoad.Routing;
using LlmLoad.Scenario;
using LlmLoad.Shared;
using LlmLoad.Telemetry;
using LlmLoad.Traffic;
using LlmLoad.Workload;

namespace LlmLoad.Options;

/// <summary>
/// Validates merged settings into <see cref="RunOptions"/>, reporting every problem at once, each
/// naming where the value came from, the field, and what was expected. Nothing is sent on error.
/// </summary>
internal sealed class RunOptionsBuilder(ScenarioSettings settings)
{
    public const long DefaultRequests = 100;
    public const int DefaultConcurrency = 10;

    /// <summary>Every window keeps a few counters for the whole run; below this a long run's windows would add up (see TimeSeries).</summary>
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromMilliseconds(100);

    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The scenario file (if any) with <paramref name="flags"/> on top, validated; null with every problem in <paramref name="errors"/>.</summary>
    /// <param name="now">Names the default results directory.</param>
    public static RunOptions? FromScenario(string? scenarioPath, ScenarioSettings flags, List<string> errors, Func<DateTimeOffset> now)
    {
        var settings = scenarioPath is null ? new ScenarioSettings() : ScenarioFile.Load(scenarioPath, errors);
        settings.OverrideWith(flags);
        var builder = new RunOptionsBuilder(settings);
        var options = builder.Build(scenarioPath, now);
        errors.AddRange(builder.Errors);
        return options;
    }

    public RunOptions? Build(string? scenarioPath, Func<DateTimeOffset> now)
    {
        var defaults = new RunOptions();
        var url = Get("url", ParseUrl);
        var model = Get("model", v => v);
        var provider = ProviderRegistry.Find(Get("provider", v => SettingParsers.OneOf(v, ProviderRegistry.Names)) ?? defaults.Provider)!;
        // The user's own app rarely takes a model name; an OpenAI-compatible server is asked which it serves.
        var discoverModel = url is not null && model is null && provider.ListsModels;
        if (url is not null && model is null && !discoverModel && provider != HttpAppFormat.Provider)
        {
            _errors.Add($"{settings["url"]!.Label}: a target URL needs the model name the API expects (--model, or target.model in a scenario file), e.g. gpt-4o-mini");
        }

        var simulator = Get("simulator", v => v);
        if (url is not null && simulator is not null)
        {
            _errors.Add($"{settings["simulator"]!.Label}: a simulator profile applies only to the built-in simulator, not to a target URL");
        }

        RejectOtherProvidersSettings(provider);
        var stream = Get("stream", SettingParsers.Bool);
        if (!provider.Streams && stream == true)
        {
            _errors.Add($"{settings["stream"]!.Label}: --provider {provider.Name} does not stream: its answer is one JSON body, with no tokens arriving over time (leave out --stream)");
        }

        var format = provider.Create(settings, _errors);
        var options = defaults with
        {
            Provider = provider.Name,
            Url = url,
            SimulatorProfile = simulator,
            Model = model ?? defaults.Model,
            ApiKeyEnv = Get("api-key-env", ParseEnvName, echoValue: false) ?? provider.DefaultKeyEnv,
            Stream = provider.Streams && (stream ?? defaults.Stream),
            Timeout = Get("timeout", SettingParsers.PositiveDuration) ?? defaults.Timeout,
            Format = format,
            Headers = ParseHeaders(),
            Transport = new HttpTransport(Get("insecure", SettingParsers.Bool) ?? false, Get("http2", SettingParsers.Bool) ?? false, Get("preconnect", v => SettingParsers.Int(v, 0))),
            DiscoverModel = discoverModel,
            Tokenizer = Get("tokenizer", v => SettingParsers.OneOf(v, [.. TokenCounter.Encodings])) ?? TokenCounter.EncodingForModel(model ?? defaults.Model),
            Seed = Get("seed", v => SettingParsers.Int(v, 0)) ?? Random.Shared.Next(),
            OutDir = Get("out", v => v) ?? Path.Combine("llmload-results", now().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)),
            TimeSeriesWindow = Get("window", ParseWindow) ?? defaults.TimeSeriesWindow,
            ScenarioPath = scenarioPath,
            Slos = ParseSlos(),
            Breaker = Get("breaker", ParseBreaker),
            ServerMetrics = ParseServerMetrics(),
            Retry = BuildRetry(),
            Routing = BuildRouting(url),
            Cost = new CostSettingsBuilder(settings, _errors) { InputOnly = format.InputsPerRequest is not null }.Build(model ?? defaults.Model, scenarioPath),
            LiveExport = LiveExportSettingsBuilder.Build(settings, _errors),
        };
        if (format.InputsPerRequest is not null)
        {
            Conflicts("session-turns", $"--provider {provider.Name} embeds each request's inputs on their own; there is no conversation for a session to continue");
            RejectTokenTimingObjectives(provider, options.Slos);
        }

        options = options with { Load = BuildLoad(options.Seed, scenarioPath), Workload = BuildWorkload(scenarioPath), StartAt = Get("start-at", v => (DateTimeOffset?)ParseStartAt(v)) };
        options = WithSegment(options);
        return _errors.Count == 0 ? options : null;
    }

    /// <summary>
    /// The load: a constant rate (open loop) or concurrency (closed loop), stages, or a trace to replay.
    /// Stages and traces say how long the run lasts, so they exclude --duration and --rate.
    /// </summary>
    private LoadShape BuildLoad(int seed, string? scenarioPath)
    {
        var rate = Get("rate", ParseRate);
        var concurrency = Get("concurrency", v => SettingParsers.Int(v, 1));
        var arrival = Get("arrival", ParseArrival) ?? new ArrivalProcess(ArrivalKind.Poisson);
        var requests = Get("requests", v => (long?)SettingParsers.Int(v, 1));
        var duration = Get("duration", SettingParsers.PositiveDuration);
        var timeScale = Get("time-scale", ParseTimeScale);
        var stages = ParseStages(timeScale ?? 1);
        var trace = settings["trace"] is { } traceFile ? TraceFile.Load(traceFile.PathFrom(scenarioPath), _errors) : null;
        var shaped = settings.All("stage").Count > 0 ? "--stage" : settings["trace"] is not null ? "--trace" : null;
        if (settings.All("stage").Count > 0 && settings["trace"] is { } traceSetting)
        {
            _errors.Add($"{traceSetting.Label}: give stages or a trace to replay, not both");
        }

        if (shaped is not null)
        {
            Conflicts("rate", $"{shaped} sets the load over time; --rate applies only to a constant load");
            Conflicts("duration", $"{shaped} says how long the run lasts; --duration applies only to a constant load");
        }
        else if (settings["time-scale"] is { } scale)
        {
            _errors.Add($"{scale.Label}: a time scale applies to stages (--stage) or a trace (--trace)");
        }

        var openLoop = rate is not null || trace is not null || stages?.Unit == LoadUnit.Rate;
        if (settings["arrival"] is { } arrivalSetting && !openLoop)
        {
            _errors.Add($"{arrivalSetting.Label}: an arrival process needs a rate (--rate, or stages in requests per second)");
        }
        else if (settings["arrival"] is { } replayed && trace is not null)
        {
            _errors.Add($"{replayed.Label}: a replayed trace brings its own arrival times");
        }

        if (stages?.Unit == LoadUnit.Users)
        {
            Conflicts("concurrency", "stages in users set the concurrency over time; --concurrency caps an open loop only");
        }

        if (rate is double.PositiveInfinity && requests is null)
        {
            _errors.Add("--rate: 'inf' sends everything at once, so it needs --requests to say how many");
        }

        var (warmupRequests, warmupDuration) = Get("warmup", ParseWarmup);
        return new LoadShape
        {
            Rate = rate,
            Concurrency = concurrency ?? (openLoop ? null : stages is null ? DefaultConcurrency : null),
            Arrival = arrival,
            Seed = seed,
            Stages = stages,
            Trace = trace,
            TraceTimeScale = trace is null ? 1 : timeScale ?? 1,
            Requests = requests ?? (duration is null && shaped is null ? DefaultRequests : null),
            Duration = stages?.Duration ?? duration,
            WarmupRequests = warmupRequests,
            WarmupDuration = warmupDuration,
            Grace = Get("grace", SettingParsers.Duration) ?? new LoadShape().Grace,
        };
    }

    /// <summary>The targets (<c>--target</c>, a scenario's <c>targets:</c>), failover, breakers and outages; null without targets.</summary>
    private RoutingSettings? BuildRouting(Uri? url)
    {
        var targets = new List<TargetSpec>();
        foreach (var setting in settings.All("target"))
        {
            try
            {
                var spec = TargetSpecText.Parse(setting.Value);
                if (targets.Any(t => t.Name == spec.Name))
                {
                    _errors.Add($"{setting.Label} '{setting.Value}': the name {spec.Name} is given to two targets");
                }
                else if (spec.Provider is { } name && ProviderRegistry.Find(name) is null)
                {
                    _errors.Add($"{setting.Label} '{setting.Value}': provider={name}: expected one of {ProviderRegistry.Choices}");
                }
                else
                {
                    targets.Add(spec);
                }
            }
            catch (FormatException ex)
            {
                _errors.Add($"{setting.Label} '{setting.Value}': {ex.Message}");
            }
        }

        var outages = new List<OutageSpec>();
        foreach (var setting in settings.All("outage"))
        {
            try
            {
                var outage = OutageSpec.Parse(setting.Value);
                if (targets.Count > 0 && targets.All(t => t.Name != outage.Target))
                {
                    _errors.Add($"{setting.Label} '{setting.Value}': no target is named {outage.Target}; the targets are {string.Join(", ", targets.Select(t => t.Name))}");
                }

                outages.Add(outage);
            }
            catch (FormatException ex)
            {
                _errors.Add($"{setting.Label} '{setting.Value}': {ex.Message}");
            }
        }

        var failoverOn = Get("failover-on", RoutingSettings.ParseFailoverOn);
        var breaker = Get("target-breaker", TargetBreakerSettings.Parse);
        if (settings.All("target").Count == 0)
        {
            foreach (var key in new[] { "outage", "failover-on", "target-breaker" })
            {
                Conflicts(key, "applies to a run of several targets (--target, or targets: in a scenario)");
            }

            return null;
        }

        if (url is not null)
        {
            _errors.Add($"{settings["url"]!.Label}: give the targets' URLs in --target (NAME=URL), not --url as well");
        }

        if (targets.Count > 0 && targets.Sum(t => t.Weight) <= 0)
        {
            _errors.Add($"{settings.All("target")[0].Label}: the targets' weights add up to 0; give at least one a weight above 0");
        }

        return new RoutingSettings(targets)
        {
            FailoverOn = failoverOn ?? RoutingSettings.DefaultFailoverOn,
            Breaker = breaker ?? TargetBreakerSettings.Default,
            Outages = outages,
        };
    }

    private RetrySettings BuildRetry()
    {
        var mode = Get("retry", v => (RetryMode?)RetrySettings.ParseMode(v));
        var attempts = Get("retry-max-attempts", v => SettingParsers.Int(v, 1));
        if (attempts is not null && mode is null or RetryMode.Off)
        {
            _errors.Add($"{settings["retry-max-attempts"]!.Label}: max attempts apply only with --retry ({RetrySettings.Expected.Replace("off, ", "", StringComparison.Ordinal)})");
        }

        return new RetrySettings(mode ?? RetryMode.Off, attempts ?? RetrySettings.DefaultMaxAttempts);
    }

    /// <summary>
    /// <c>--segment K/N</c>: this process sends the K-th share of the seeded run and spends the K-th share of its budget.
    /// The segments must draw the same schedule and prompts, so the seed must be given, not drawn at random.
    /// </summary>
    private RunOptions WithSegment(RunOptions options)
    {
        if (Get("segment", ExecutionSegment.Parse) is not { } segment)
        {
            return options;
        }

        if (settings["seed"] is null)
        {
            _errors.Add($"{settings["segment"]!.Label}: every segment must draw the same arrivals and prompts: give the same --seed to all of them");
        }

        if (!options.Load.IsOpenLoop && options.Load.Stages is null && options.Load.Concurrency < segment.Count)
        {
            _errors.Add($"{settings["segment"]!.Label}: a closed loop splits its users among the segments: --concurrency {options.Load.Concurrency} gives no user to some of {segment.Count} segments; give at least {segment.Count}");
        }

        var cost = options.Cost.BudgetUsd is { } whole ? options.Cost with { BudgetUsd = whole / segment.Count } : options.Cost;
        return options with { Load = options.Load with { Segment = segment }, Cost = cost };
    }

    /// <summary>An RFC 3339 UTC time, e.g. 2026-12-03T15:00:00Z.</summary>
    private static DateTimeOffset ParseStartAt(string value)
        => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            && (value.EndsWith('Z') || value.EndsWith('z') || value.Contains('+') || value.LastIndexOf('-') > value.IndexOf('T'))
            ? at
            : throw new FormatException("expected an RFC 3339 time with its offset, e.g. 2026-12-03T15:00:00Z");

    /// <summary>An embeddings answer arrives whole: an objective on TTFT, TPOT or ITL could only fail, with nothing measured.</summary>
    private void RejectTokenTimingObjectives(Provider provider, IEnumerable<ServiceLevelObjective> objectives)
    {
        foreach (var objective in objectives.Where(o => o.Metric is { } metric && !LatencyMetricNames.OfWholeAnswers.Contains(metric)))
        {
            var label = settings.All("slo").FirstOrDefault(s => s.Value == objective.Text)?.Label ?? "--slo";
            _errors.Add($"{label} '{objective.Text}': --provider {provider.Name} answers arrive whole, with no {objective.MetricName} to measure; give an objective on e2e, e.g. e2e.p95<500ms");
        }
    }

    private void Conflicts(string key, string why)
    {
        if (settings[key] is { } setting)
        {
            _errors.Add($"{setting.Label}: {why}");
        }
    }

    /// <summary>The stages given (each bad one reported with its text), placed in time; null without stages or on error.</summary>
    private StagePlan? ParseStages(double timeScale)
    {
        var specs = new List<StageSpec>();
        foreach (var setting in settings.All("stage"))
        {
            if (StageText.TryParse(setting.Value, out var spec, out var error))
            {
                specs.Add(spec with { Source = $"{setting.Label} '{setting.Value}'" });
            }
            else
            {
                _errors.Add($"{setting.Label} '{setting.Value}': {error}");
            }
        }

        return specs.Count == 0 || specs.Count < settings.All("stage").Count ? null : StagePlan.Build(specs, timeScale, _errors);
    }

    private static double? ParseTimeScale(string value)
        => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 && double.IsFinite(scale)
            ? scale
            : throw new FormatException("expected a factor above 0 that multiplies every stage duration or trace timestamp (0.01 runs a 10m stage in 6s)");

    /// <summary>Every objective given; each bad one is reported with the expression itself, since a list has no single value to echo.</summary>
    private List<ServiceLevelObjective> ParseSlos()
    {
        var objectives = new List<ServiceLevelObjective>();
        foreach (var setting in settings.All("slo"))
        {
            if (SloParser.TryParse(setting.Value, out var objective, out var error))
            {
                objectives.Add(objective);
            }
            else
            {
                _errors.Add($"{setting.Label} '{setting.Value}': {error}");
            }
        }

        return objectives;
    }

    /// <summary>
    /// The <c>/metrics</c> URLs given (repeatable; <c>off</c> alone turns the loopback default off) and the scrape interval.
    /// </summary>
    private ServerScrapeSettings ParseServerMetrics()
    {
        var urls = new List<Uri>();
        var off = false;
        foreach (var setting in settings.All("server-metrics"))
        {
            if (setting.Value.Equals("off", StringComparison.OrdinalIgnoreCase))
            {
                off = true;
            }
            else if (Uri.TryCreate(setting.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                urls.Add(uri);
            }
            else
            {
                _errors.Add($"{setting.Label} '{setting.Value}': expected the absolute http:// or https:// URL of a Prometheus /metrics endpoint, e.g. http://127.0.0.1:8000/metrics, or 'off'");
            }
        }

        if (off && urls.Count > 0)
        {
            _errors.Add($"{settings.All("server-metrics")[0].Label}: 'off' turns server metrics off; give it alone, without URLs");
        }

        var interval = Get("scrape-interval", ParseScrapeInterval) ?? ServerScrapeSettings.DefaultInterval;
        return new ServerScrapeSettings(urls, interval, Automatic: !off);
    }

    private static TimeSpan? ParseScrapeInterval(string value)
        => DurationText.TryParse(value, out var interval) && interval >= TimeSpan.FromMilliseconds(100)
            ? interval
            : throw new FormatException($"expected how often to scrape, at least 100ms, {DurationText.Expected}");

    private T? Get<T>(string key, Func<string, T> parse, bool echoValue = true) => settings.Read(key, parse, _errors, echoValue);

    private static Uri ParseUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException("expected an absolute http:// or https:// URL such as http://127.0.0.1:8000/v1");

    private static double? ParseRate(string value)
    {
        if (value.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 && double.IsFinite(rate)
            ? rate
            : throw new FormatException("expected requests per second, a number greater than 0, or 'inf'");
    }

    private static ArrivalProcess ParseArrival(string value)
        => ArrivalProcess.TryParse(value, out var process, out var error) ? process : throw new FormatException(error);

    private static TimeSpan? ParseWindow(string value)
        => DurationText.TryParse(value, out var window) && window >= MinimumWindow
            ? window
            : throw new FormatException($"expected a time-series window of at least {DurationText.Format(MinimumWindow)}, {DurationText.Expected}");

    private static BreakerSpec ParseBreaker(string value)
        => BreakerSpecParser.TryParse(value, out var spec, out var error) ? spec : throw new FormatException(error);

    private static (int Requests, TimeSpan Duration) ParseWarmup(string value)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var requests) && requests >= 0)
        {
            return (requests, TimeSpan.Zero);
        }

        return DurationText.TryParse(value, out var duration)
            ? (0, duration)
            : throw new FormatException("expected a number of requests (e.g. 20) or " + DurationText.Expected);
    }

    private static LengthDistribution ParseLength(string value)
        => LengthDistribution.TryParse(value, out var distribution, out var error) ? distribution : throw new FormatException(error);

    /// <summary>
    /// What requests send: length distributions, a category mix (the <c>mix</c> list), a corpus (a path in a
    /// scenario file is relative to it; <c>builtin</c> is the shipped one), shared prefixes and sessions.
    /// </summary>
    private WorkloadSpec BuildWorkload(string? scenarioPath)
    {
        var before = _errors.Count;
        var defaults = new WorkloadSpec();
        var output = Get("output-tokens", ParseLength) ?? defaults.Output;
        if (output is LengthDistribution.Empirical)
        {
            _errors.Add($"{settings["output-tokens"]!.Label}: an output length cannot be empirical; give a distribution (a corpus's own max_tokens are used where it has them)");
        }

        var categories = new List<WorkloadCategory>();
        foreach (var setting in settings.All("mix"))
        {
            if (WorkloadMix.TryParseEntry(setting.Value, out var category, out var error))
            {
                categories.Add(category);
            }
            else
            {
                _errors.Add($"{setting.Label} '{setting.Value}': {error}");
            }
        }

        if (categories.Count > 0 && WorkloadMix.Problem(categories) is { } mixProblem)
        {
            _errors.Add($"{settings.All("mix")[0].Label}: {mixProblem}");
        }

        var skipBadLines = Get("skip-bad-lines", SettingParsers.Bool) ?? false;
        var corpus = settings["corpus"] is { } corpusSetting ? LoadCorpus(corpusSetting, scenarioPath, skipBadLines) : null;
        var turns = Get("session-turns", ParseLength);
        var think = Get("think-time", ParseThink);
        if (think is not null && turns is null)
        {
            _errors.Add($"{settings["think-time"]!.Label}: a think time separates the turns of a session; give --session-turns too");
        }

        var spec = new WorkloadSpec
        {
            Input = Get("input-tokens", ParseLength) ?? defaults.Input,
            Output = output,
            Mix = categories.Count > 0 && _errors.Count == before ? new WorkloadMix(categories) : null,
            Corpus = corpus,
            Tools = settings["tools"] is { } toolsSetting ? ToolDefinitions.Load(toolsSetting.PathFrom(scenarioPath), _errors) ?? [] : [],
            SharedPrefix = Get("shared-prefix", ParseSharedPrefix),
            Sessions = turns is null ? null : new SessionSpec(turns, think ?? new ThinkTime(TimeSpan.Zero, TimeSpan.Zero)),
        };
        if (_errors.Count == before && PromptSource.Problem(spec) is { } problem)
        {
            _errors.Add($"{settings["corpus"]?.Label ?? (settings.All("mix") is [var first, ..] ? first.Label : null) ?? settings["input-tokens"]?.Label ?? "workload"}: {problem}");
        }

        return spec;
    }

    private PromptCorpus? LoadCorpus(Setting setting, string? scenarioPath, bool skipBadLines)
    {
        if (setting.Value.Equals("builtin", StringComparison.OrdinalIgnoreCase))
        {
            return PromptCorpus.BuiltIn();
        }

        return PromptCorpus.Load(setting.PathFrom(scenarioPath), skipBadLines, _errors);
    }

    private static (int Count, int Tokens)? ParseSharedPrefix(string value)
        => SharedPrefix.TryParse(value, out var spec, out var error) ? spec : throw new FormatException(error);

    private static ThinkTime ParseThink(string value)
        => ThinkTime.Parse(value) ?? throw new FormatException("expected " + ThinkTime.Expected);

    /// <summary>Every <c>--header</c> (or <c>target.headers</c>); values are never echoed in errors, they may be secrets.</summary>
    private List<RequestHeader> ParseHeaders()
    {
        var headers = new List<RequestHeader>();
        foreach (var setting in settings.All("header"))
        {
            try
            {
                headers.Add(RequestHeader.Parse(setting.Value, Environment.GetEnvironmentVariable));
            }
            catch (FormatException ex)
            {
                _errors.Add($"{setting.Label}: {ex.Message}");
            }
        }

        return headers;
    }

    /// <summary>A setting of one provider's (see <see cref="Provider.Settings"/>) given with another is a mistake.</summary>
    private void RejectOtherProvidersSettings(Provider provider)
    {
        var others = ProviderRegistry.All.Where(p => p != provider).ToList();
        foreach (var key in others.SelectMany(p => p.Settings).Distinct().Where(k => !provider.Settings.Contains(k)))
        {
            var owners = others.Where(p => p.Settings.Contains(key)).Select(p => p.Name).ToList();
            Conflicts(key, $"applies to --provider {string.Join(" and ", owners)}, not {provider.Name}");
        }
    }

    private static string ParseEnvName(string value)
        => value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? value
            : throw new FormatException("expected the NAME of an environment variable (letters, digits, _), not the key itself");

}
