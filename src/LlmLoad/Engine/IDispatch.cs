namespace LlmLoad.Engine;

internal interface IDispatch
{
    /// <summary>Sends until the request limit (returns true) or until <paramref name="stopSending"/>; returns once every request ended.</summary>
    Task<bool> RunAsync(CancellationToken stopSending, CancellationToken abort);
}
