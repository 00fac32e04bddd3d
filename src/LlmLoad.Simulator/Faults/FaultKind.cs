namespace LlmLoad.Simulator.Faults;

/// <summary>What a scripted fault does to a response. <see cref="FaultKinds"/> gives the wire names users write.</summary>
internal enum FaultKind
{
    Status429,
    Status500,
    Status503,
    Status529,
    ResetBeforeHeaders,
    SlowHeaders,
    CutStream,
    Stall,
    MalformedChunk,
    ErrorEvent,
}
