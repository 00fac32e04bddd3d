namespace LlmLoad.Simulator.Generation;

/// <summary>
/// Numbers a server's requests in arrival order across all its APIs, so a seeded run that mixes
/// OpenAI and Anthropic requests still draws each request's delays and text from its own stream.
/// </summary>
internal sealed class ArrivalCounter
{
    private long _arrivals;

    /// <returns>0 for the first request, then 1, 2, …</returns>
    public long Next() => Interlocked.Increment(ref _arrivals) - 1;
}
