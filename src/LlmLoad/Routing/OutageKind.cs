namespace LlmLoad.Routing;

/// <summary>How a target fails during an outage: an error status, a reset connection, or no answer until the timeout.</summary>
internal enum OutageKind
{
    Status503,
    Reset,
    Timeout,
    Status429,
}
