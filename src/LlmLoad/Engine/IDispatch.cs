namespace LlmLoad.Engine;

internal interface IDispatch
{
    /// <summary>
    /// Sends until the request limit (<see cref="StopReason.Requests"/>), the end of its arrivals or
    /// stages (<see cref="StopReason.Completed"/>) or <paramref name="stopSending"/> (<see cref="StopReason.Duration"/>,
    /// refined by the engine); returns once every request ended.
    /// </summary>
    Task<StopReason> RunAsync(CancellationToken stopSending, CancellationToken abort);
}
