namespace LlmLoad.Providers;

/// <summary>
/// One attempt of a request: the status it got (0 without a response), its error class, the target it went to, and
/// how long its answer asked the client to wait (<c>retry-after-ms</c>, <c>retry-after</c> or the reset headers), if it did.
/// </summary>
internal readonly record struct AttemptOutcome(int Status, ErrorClass? Error, string? Target, double? RetryAfterMs = null)
{
    public static AttemptOutcome Of(ResponseCapture capture, string? target)
        => new(capture.Status, capture.Error, target, (capture.RateLimit.RetryAfterSeconds ?? capture.ResetAfterSeconds) * 1000);
}
