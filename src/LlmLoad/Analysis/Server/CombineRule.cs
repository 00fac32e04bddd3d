namespace LlmLoad.Analysis.Server;

/// <summary>How the series of one quantity (per GPU, per engine rank, per replica) combine into one figure.</summary>
internal enum CombineRule
{
    Sum,
    Mean,
    Max,

    /// <summary>How many series have a bit set other than bit 0 (a throttle-reason mask whose bit 0 means idle).</summary>
    CountNonIdleBits,
}
