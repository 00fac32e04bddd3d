using System.Globalization;
using LlmLoad.Analysis;
using LlmLoad.Providers;
using LlmLoad.Recording;
using LlmLoad.Reporting;

namespace LlmLoad.Tests.Analysis;

/// <summary>Last-minute usage per window, the shares of the limits, the first 429, the rate the limits allow, and where a concurrency cap began.</summary>
public sealed class RateLimitUsageTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly RateLimitObservation TokenLimit = new(null, null, 3000, 1000, null);

    [Fact]
    public void LastMinute_SumsTheAdmittedRequestsOfTheMinuteEndingAtEachWindow_AndDropsWhatLeftIt()
    {
        var series = new TimeSeries(Second);
        series.Add(Measure(sentMs: 500, input: 100, output: 50));
        series.Add(Measure(sentMs: 30_500, input: 100, output: 50));
        series.Add(Measure(sentMs: 30_600, error: ErrorClass.RateLimited));
        series.Add(Measure(sentMs: 61_200, input: 10, output: 5));

        var rows = series.Rows();

        Assert.Equal(new LastMinuteUsage(1, 100, 50), rows[0].LastMinute);
        Assert.Equal(new LastMinuteUsage(2, 200, 100), rows[30].LastMinute);
        // At 61 s the first request (sent at 0.5 s) is more than a minute back; the 429 was never charged.
        Assert.Equal(new LastMinuteUsage(2, 110, 55), rows[61].LastMinute);
    }

    [Fact]
    public void From_ATokenLimit_GivesLimitOverTokensPerRequest_ThePeakShare_AndTheMinuteAtTheFirst429()
    {
        var series = new TimeSeries(Second);
        var limits = new RateLimitSummary();
        for (var i = 0; i < 20; i++)
        {
            Add(series, limits, Measure(sentMs: 100 + i, input: 100, output: 50, observed: TokenLimit));
        }

        Add(series, limits, Measure(sentMs: 1500, error: ErrorClass.RateLimited, kind: RefusalKind.Tokens, observed: TokenLimit));

        var usage = RateLimitUsage.From(limits, series.Rows());

        Assert.Equal(150, usage.TokensPerRequest);
        Assert.Equal(20, usage.EffectiveRequestsPerMinute);
        Assert.Equal("tokens", usage.BindingLimit);
        Assert.Equal(1, usage.PeakTokensShare);
        Assert.Equal(1.5, usage.FirstRefusalSeconds!.Value, 2);
        Assert.Equal(3000, usage.AtFirstRefusal!.Value.Tokens);
        Assert.Equal(RefusalKind.Tokens, limits.FirstRefusalKind);
    }

    [Fact]
    public void From_AnthropicInputAndOutputLimits_EachAllowsItsOwnRate_AndTheCombinedOneIsLeftOut()
    {
        var limits = new RateLimitSummary();
        var observed = new RateLimitObservation(1000, 900, 4500, 4000, null)
        {
            InputTokens = new RateLimitBucket(4000, 3900, 1),
            OutputTokens = new RateLimitBucket(500, 450, 6),
        };
        limits.Add(Measure(sentMs: 0, input: 100, output: 50, observed: observed).Record);

        var usage = RateLimitUsage.From(limits, []);

        Assert.Equal([("requests", 1000.0), ("input_tokens", 40.0), ("output_tokens", 10.0)], usage.AllowedBy);
        Assert.Equal("output_tokens", usage.BindingLimit);
    }

    [Fact]
    public void BeganAtInFlight_IsTheLevelFromWhichMostSendsWereRefused_NotAStrayLowRefusal()
    {
        var refusals = new ConcurrencyRefusals();
        // A stray refusal at level 0 (a start-up burst), admissions at 1..3, mostly refusals from 4 on.
        refusals.Add(Measure(sentMs: 0, error: ErrorClass.RateLimited, kind: RefusalKind.Concurrency, inFlight: 0).Record);
        foreach (var level in new[] { 1, 2, 3, 3 })
        {
            refusals.Add(Measure(sentMs: 1, inFlight: level).Record);
        }

        foreach (var (level, refused, admitted) in new[] { (4, 3, 1), (5, 6, 0), (6, 9, 1) })
        {
            for (var i = 0; i < refused; i++)
            {
                refusals.Add(Measure(sentMs: 2, error: ErrorClass.RateLimited, kind: RefusalKind.Concurrency, inFlight: level).Record);
            }

            for (var i = 0; i < admitted; i++)
            {
                refusals.Add(Measure(sentMs: 2, inFlight: level).Record);
            }
        }

        Assert.Equal(4, refusals.BeganAtInFlight);
        Assert.Equal(0, refusals.LowestRefusedInFlight);
        Assert.Equal(0, refusals.FirstRefusedInFlight);
        Assert.Equal(19, refusals.Refused);
    }

    [Fact]
    public void Csv_RateLimitColumns_CarryTheLimitForward_AndShareIsUsedOverLimit()
    {
        var series = new TimeSeries(Second);
        series.Add(Measure(sentMs: 100, input: 100, output: 50, observed: TokenLimit));
        series.Add(Measure(sentMs: 1100, error: ErrorClass.RateLimited, kind: RefusalKind.Concurrency));
        var writer = new StringWriter(CultureInfo.InvariantCulture);

        TimeSeriesCsv.Write(writer, series.Rows(), Second);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var second = header.Zip(lines[2].Split(',')).ToDictionary(p => p.First, p => p.Second);
        var first = header.Zip(lines[1].Split(',')).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("3000", first["limit_tokens"]);
        Assert.Equal("1000", first["remaining_tokens"]);
        Assert.Equal("150", first["tpm_used"]);
        Assert.Equal("0.05", first["tpm_utilization"]);
        Assert.Equal("", first["rpm_utilization"]);
        // The second window's only response carried no headers: the limit stays, its remaining is unknown.
        Assert.Equal("3000", second["limit_tokens"]);
        Assert.Equal("", second["remaining_tokens"]);
        Assert.Equal("1", second["refused_concurrency"]);
        Assert.Equal("150", second["tpm_used"]);
    }

    private static void Add(TimeSeries series, RateLimitSummary limits, RequestMeasurement measurement)
    {
        series.Add(measurement);
        limits.Add(measurement.Record);
    }

    private static RequestMeasurement Measure(double sentMs, int input = 0, int output = 0, ErrorClass? error = null, RefusalKind? kind = null,
        RateLimitObservation observed = default, int inFlight = 0)
    {
        var record = new RequestRecord
        {
            Seq = 0,
            Warmup = false,
            Status = error is null ? 200 : 429,
            Error = error,
            ScheduledMs = sentMs,
            SentMs = sentMs,
            E2eMs = 1,
            InputTokens = error is null ? input : null,
            OutputTokens = error is null ? output : null,
            TokenSource = "usage",
            MaxTokens = output,
            InputTokensTokenizer = input,
            RateLimit = observed,
            RateLimitKind = kind,
            InFlightAtSend = inFlight,
        };
        return new RequestMeasurement(record, [], []);
    }
}
