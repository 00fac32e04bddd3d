using LlmLoad.Cost;
using LlmLoad.Engine;
using LlmLoad.Pricing;
using LlmLoad.Providers;
using LlmLoad.Routing;
using LlmLoad.Workload;

namespace LlmLoad.Tests.Routing;

public sealed class RetryingExchangeTests
{
    private static readonly PreparedRequest Request = new(new PromptPlan("hi", 1000, 1000), [1]);

    [Fact]
    public async Task SendAsync_RateLimitedThenServed_RecordsEveryAttemptAndTheWait()
    {
        var server = new ScriptedExchange(RateLimited(0.02), RateLimited(0.03), Served());
        var exchange = new RetryingExchange(server, new RetrySettings(RetryMode.RateLimits, 5), null, TimeProvider.System, seed: 1);

        var capture = await exchange.SendAsync(Request, 0, CancellationToken.None);

        Assert.True(capture.Succeeded);
        Assert.Equal([429, 429, 200], capture.History!.Attempts.Select(a => a.Status));
        Assert.Equal(50, capture.History.RetryWaitMs, 1);
        Assert.Equal(3, server.Sent);
    }

    [Theory]
    [InlineData("""{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}}""")]
    [InlineData("""{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}""")]
    public async Task SendAsync_QuotaOrContextLength_IsNotRetried(string body)
    {
        var refused = RateLimited(0.001);
        refused.NotRetryable = NonRetryableErrors.Matches(System.Text.Encoding.UTF8.GetBytes(body));
        var server = new ScriptedExchange(refused, Served());
        var exchange = new RetryingExchange(server, new RetrySettings(RetryMode.AllTransient, 5), null, TimeProvider.System, seed: 1);

        var capture = await exchange.SendAsync(Request, 0, CancellationToken.None);

        Assert.Equal(ErrorClass.RateLimited, capture.Error);
        Assert.Equal(1, server.Sent);
    }

    [Fact]
    public async Task SendAsync_ServerErrorUnder429Only_IsNotRetried()
    {
        var failed = new ResponseCapture { Status = 500 };
        failed.Fail(ErrorClass.ServerError, "HTTP 500");
        var server = new ScriptedExchange(failed, Served());

        var capture = await new RetryingExchange(server, new RetrySettings(RetryMode.RateLimits, 5), null, TimeProvider.System, 1).SendAsync(Request, 0, CancellationToken.None);

        Assert.Equal(500, capture.Status);
        Assert.Equal(1, server.Sent);
    }

    [Fact]
    public async Task SendAsync_BilledAttemptsBeyondTheBudget_StopRetryingAndStopTheRun()
    {
        var price = new ModelPrice("m", 1, 1, 1, "test", null);
        var worstCase = WorstCase.Usd(price, Request.Plan);
        // Room for the first attempt (reserved by the engine) and one retry.
        var budget = new BudgetGuard(worstCase * 2.5m, price);
        Assert.True(budget.TryReserve(Request.Plan));
        var server = new ScriptedExchange(CutStream(), CutStream(), CutStream(), Served());

        var capture = await new RetryingExchange(server, new RetrySettings(RetryMode.AllTransient, 10), budget, TimeProvider.System, 1).SendAsync(Request, 0, CancellationToken.None);

        Assert.Equal(2, server.Sent);
        Assert.Equal(ErrorClass.StreamError, capture.Error);
        Assert.True(budget.Exhausted);
        // A stream cut after its 200 may have been billed: the first attempt keeps its worst case; the last one's
        // reservation is left for the record's own settlement.
        Assert.Equal(worstCase, budget.SpentUsd);
        Assert.Equal(worstCase, budget.ReservedUsd);
    }

    [Fact]
    public async Task SendAsync_RefusalsUnderABudget_EachRetryPassesTheGuardAndCostsNothing()
    {
        var price = new ModelPrice("m", 1, 1, 1, "test", null);
        var worstCase = WorstCase.Usd(price, Request.Plan);
        var budget = new BudgetGuard(worstCase * 2.5m, price);
        Assert.True(budget.TryReserve(Request.Plan));
        var server = new ScriptedExchange(RateLimited(0.001), RateLimited(0.001), RateLimited(0.001), Served());

        var capture = await new RetryingExchange(server, new RetrySettings(RetryMode.RateLimits, 10), budget, TimeProvider.System, 1).SendAsync(Request, 0, CancellationToken.None);

        Assert.True(capture.Succeeded);
        Assert.Equal(4, server.Sent);
        Assert.False(budget.Exhausted);
        Assert.Equal(0, budget.SpentUsd);
        Assert.Equal(worstCase, budget.ReservedUsd);
    }

    [Fact]
    public async Task SendAsync_RunEndsDuringTheWait_IsRecordedAsCancelled()
    {
        var server = new ScriptedExchange(RateLimited(30), Served());
        using var abort = new CancellationTokenSource();
        var exchange = new RetryingExchange(server, new RetrySettings(RetryMode.RateLimits, 3), null, TimeProvider.System, 1);

        var sending = exchange.SendAsync(Request, 0, abort.Token);
        await abort.CancelAsync();
        var capture = await sending;

        Assert.Equal(ErrorClass.Cancelled, capture.Error);
        Assert.Equal([429], capture.History!.Attempts.Select(a => a.Status));
        Assert.Equal(1, server.Sent);
    }

    private static ResponseCapture RateLimited(double retryAfterSeconds)
    {
        var capture = new ResponseCapture { Status = 429, RateLimit = new RateLimitObservation(null, null, null, null, retryAfterSeconds) };
        capture.Fail(ErrorClass.RateLimited, "HTTP 429: Rate limit reached");
        return capture;
    }

    private static ResponseCapture CutStream()
    {
        var capture = new ResponseCapture { Status = 200 };
        capture.Fail(ErrorClass.StreamError, "stream ended before its end marker");
        return capture;
    }

    private static ResponseCapture Served() => new() { Status = 200 };

    /// <summary>Answers each send with the next capture of its script, stamped with the send time.</summary>
    private sealed class ScriptedExchange(params ResponseCapture[] script) : IRequestExchange
    {
        public int Sent { get; private set; }

        public Task<ResponseCapture> SendAsync(PreparedRequest request, long session, CancellationToken abort)
        {
            var capture = script[Sent++];
            capture.SentAt = TimeProvider.System.GetTimestamp();
            capture.EndAt = capture.SentAt;
            return Task.FromResult(capture);
        }
    }
}
