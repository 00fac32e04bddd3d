using LlmLoad.Providers;

namespace LlmLoad.Routing;

/// <summary>
/// An outage made on llmload's side, for a target it must not break (a real provider): the request is not sent and
/// fails as the outage's kind says. A timeout waits the run's request timeout first, as a hung server would make it.
/// </summary>
internal static class InjectedOutage
{
    public static async Task<ResponseCapture> FailAsync(OutageSpec outage, TimeSpan timeout, TimeProvider time, CancellationToken abort)
    {
        var capture = new ResponseCapture { SentAt = time.GetTimestamp() };
        var what = $"outage drill of target {outage.Target} (injected by llmload, not sent)";
        switch (outage.Kind)
        {
            case OutageKind.Status503:
                capture.Status = 503;
                capture.HeadersAt = capture.SentAt;
                capture.Fail(ErrorClass.ServerError, "HTTP 503: " + what);
                break;
            case OutageKind.Status429:
                capture.Status = 429;
                capture.HeadersAt = capture.SentAt;
                capture.Fail(ErrorClass.RateLimited, "HTTP 429: " + what);
                break;
            case OutageKind.Reset:
                capture.Fail(ErrorClass.Connection, "connection reset: " + what);
                break;
            default:
                try
                {
                    await Task.Delay(timeout, time, abort).ConfigureAwait(false);
                    capture.Fail(ErrorClass.Timeout, $"no complete response within {timeout.TotalSeconds:0.###} s: {what}");
                }
                catch (OperationCanceledException)
                {
                    capture.Fail(ErrorClass.Cancelled, "cancelled: the run stopped before this request ended");
                }

                break;
        }

        capture.EndAt = time.GetTimestamp();
        return capture;
    }
}
