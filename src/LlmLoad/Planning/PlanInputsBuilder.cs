using System.Globalization;
using LlmLoad.Pricing;
using LlmLoad.Shared;

namespace LlmLoad.Planning;

/// <summary>
/// Turns <c>llmload plan</c>'s option values (by option name, without dashes) into <see cref="PlanInputs"/>,
/// collecting every problem at once, each naming its option.
/// </summary>
internal sealed partial class PlanInputsBuilder(IReadOnlyDictionary<string, string> values)
{
    /// <summary>The source of a price given with --input-price and --output-price.</summary>
    public const string GivenPricesSource = "--input-price, --output-price";

    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The inputs, or null when <see cref="Errors"/> says why not.</summary>
    public PlanInputs? Build()
    {
        var lag = ScalingLagInputs();
        return BuildLevels() is { } inputs && _errors.Count == 0 ? inputs with { ScaleUpTime = lag.ScaleUp, RampPerMinute = lag.Ramp } : null;
    }

    /// <summary>--scale-up-time and --ramp, which go together: how long a replica takes to start, and how fast the load rises meanwhile.</summary>
    private (TimeSpan? ScaleUp, decimal? Ramp) ScalingLagInputs()
    {
        TimeSpan? scaleUp = null;
        if (values.GetValueOrDefault("scale-up-time") is { } text)
        {
            if (DurationText.TryParse(text, out var parsed) && parsed > TimeSpan.Zero)
            {
                scaleUp = parsed;
            }
            else
            {
                _errors.Add($"--scale-up-time: expected how long a new replica takes to serve, e.g. 5m or 90s, got '{text}'");
            }
        }

        var ramp = values.ContainsKey("ramp") ? Number("ramp", "how fast the load rises, in req/s per minute", exclusive: true) : null;
        if (values.ContainsKey("scale-up-time") != values.ContainsKey("ramp"))
        {
            _errors.Add("--scale-up-time, --ramp: give both: the headroom that covers a scale-up is the load arriving meanwhile, ramp x scale-up time");
        }

        return (scaleUp, ramp);
    }

    private PlanInputs? BuildLevels()
    {
        if (values.GetValueOrDefault("from") is { } directory)
        {
            return BuildFromRun(directory);
        }

        foreach (var option in TargetOptions.Where(values.ContainsKey))
        {
            _errors.Add($"--{option}: needs --from DIR, the results of a run to plan from; without a run, give --rate with --input-tokens and --output-tokens");
        }

        var rate = Number("rate", "peak requests per second", exclusive: true);
        var input = Number("input-tokens", "average input tokens per request");
        var output = Number("output-tokens", "average output tokens per request");
        var requests = Requests();
        var responseTime = ResponseTime();
        var headroom = Headroom();
        var growth = Growth();
        var model = values.GetValueOrDefault("model");
        var price = Price(model, modelNeedsPrice: true);
        var tiers = model is null ? null : TierTables.Load(values.GetValueOrDefault("tiers"), _errors).Find(model);

        if (!values.ContainsKey("input-tokens") || !values.ContainsKey("output-tokens"))
        {
            _errors.Add("--input-tokens, --output-tokens: both are required: the average tokens of a request, e.g. --input-tokens 1500 --output-tokens 800");
        }
        else if (input == 0 && output == 0)
        {
            _errors.Add("--input-tokens, --output-tokens: both are 0; a request has at least some tokens");
        }

        if (!values.ContainsKey("rate") && !values.ContainsKey("requests"))
        {
            _errors.Add("--rate or --requests is required: the peak requests per second to plan for, or a number of requests to price");
        }

        if (responseTime is not null && !values.ContainsKey("rate"))
        {
            _errors.Add("--mean-response-time/--p95-response-time need --rate: concurrency is rate × response time");
        }

        if (_errors.Count > 0 || input is null || output is null)
        {
            return null;
        }

        return new PlanInputs
        {
            RequestsPerSecond = rate,
            InputTokens = input.Value,
            OutputTokens = output.Value,
            ResponseTime = responseTime,
            Requests = requests,
            Headroom = headroom,
            Growth = growth,
            Model = model,
            Price = price,
            Tiers = tiers,
        };
    }

    private long? Requests()
    {
        if (values.GetValueOrDefault("requests") is not { } text)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            return count;
        }

        _errors.Add($"--requests: expected a whole number of requests above 0, got '{text}'");
        return null;
    }

    private ResponseTime? ResponseTime()
    {
        var mean = Seconds("mean-response-time");
        var p95 = Seconds("p95-response-time");
        if (mean is not null && p95 is not null)
        {
            _errors.Add("--mean-response-time, --p95-response-time: give one or the other");
            return null;
        }

        return mean is { } m ? new ResponseTime(m, ResponseTimeStatistic.Mean)
            : p95 is { } p ? new ResponseTime(p, ResponseTimeStatistic.P95)
            : null;
    }

    /// <summary>Seconds as a plain number (5, 0.8) or a duration (5s, 800ms); exact for both.</summary>
    private decimal? Seconds(string option)
    {
        if (values.GetValueOrDefault(option) is not { } text)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return seconds;
        }

        if (DurationText.TryParse(text, out var duration) && duration > TimeSpan.Zero)
        {
            return (decimal)duration.Ticks / TimeSpan.TicksPerSecond;
        }

        _errors.Add($"--{option}: expected a response time above 0 in seconds (5, 0.8) or as {DurationText.Expected}, got '{text}'");
        return null;
    }

    /// <summary>30% or 0.3. A bare number above 1 is refused: "--headroom 30" could mean 30% or 3,000%.</summary>
    private decimal Headroom()
    {
        if (values.GetValueOrDefault("headroom") is not { } text)
        {
            return PlanInputs.DefaultHeadroom;
        }

        var percent = text.EndsWith('%');
        var parsed = decimal.TryParse(percent ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value);
        if (parsed && (percent || value <= 1))
        {
            return percent ? value / 100 : value;
        }

        _errors.Add(parsed
            ? $"--headroom: '{text}' is ambiguous: write {text}% for a percentage, or a share from 0 to 1 (0.3 = 30%)"
            : $"--headroom: expected spare capacity as a percentage or a share, e.g. 30% or 0.3, at least 0, got '{text}'");
        return PlanInputs.DefaultHeadroom;
    }

    private decimal Growth() => Number("growth", "a growth factor such as 2 or 2x", exclusive: true, suffix: 'x') ?? PlanInputs.DefaultGrowth;

    /// <summary>Explicit prices win; else the model's price from the table; else none (the plan then has no cost).</summary>
    /// <param name="modelNeedsPrice">True when a model without a price is an error (one the user named), false when the plan just has no cost.</param>
    private ModelPrice? Price(string? model, bool modelNeedsPrice)
    {
        var input = Number("input-price", "USD per 1M input tokens");
        var output = Number("output-price", "USD per 1M output tokens");
        var table = PriceTable.Load(values.GetValueOrDefault("pricing"), _errors);
        switch (values.ContainsKey("input-price"), values.ContainsKey("output-price"))
        {
            case (true, true):
                return input is { } i && output is { } o ? new ModelPrice(model ?? "given prices", i, i, o, GivenPricesSource, null) : null;
            case (true, false) or (false, true):
                _errors.Add("--input-price, --output-price: give both, in USD per 1M tokens (e.g. --input-price 3 --output-price 15)");
                return null;
        }

        if (model is null)
        {
            return null;
        }

        var price = table.Find(model);
        if (price is null && modelNeedsPrice)
        {
            _errors.Add("--model: " + table.NoPriceError(model));
        }

        return price;
    }

    /// <summary>A number at least 0 (above it when <paramref name="exclusive"/>), or null when absent or invalid (with an error).</summary>
    /// <param name="suffix">A unit letter the user may append (2x).</param>
    private decimal? Number(string option, string expected, bool exclusive = false, char? suffix = null)
    {
        if (values.GetValueOrDefault(option) is not { } text)
        {
            return null;
        }

        var digits = suffix is { } s && text.EndsWith(s) ? text[..^1] : text;
        if (decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && !(exclusive && value == 0))
        {
            return value;
        }

        _errors.Add($"--{option}: expected {expected}, a number {(exclusive ? "above 0" : "at least 0")}, got '{text}'");
        return null;
    }
}
