using LlmLoad.Engine;

namespace LlmLoad.Providers;

/// <summary>
/// How a prepared request reaches a server and what came back: one send (<see cref="Transport.RequestSender"/>), or,
/// in Routing, retries and several targets around it. Never throws for a failed request: the failure is in the capture.
/// </summary>
internal interface IRequestExchange
{
    /// <param name="session">The session the request belongs to (its own number without sessions), for a target that rebuilds the body.</param>
    /// <param name="abort">Cancels the request outright (the run's grace ran out); it is then <c>cancelled</c>.</param>
    Task<ResponseCapture> SendAsync(PreparedRequest request, long session, CancellationToken abort);
}
