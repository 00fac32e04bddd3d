namespace LlmLoad.Analysis.Slo;

/// <summary>What was measured when an aborting objective failed, for the console and summary.json.</summary>
internal sealed record SloAbort(ServiceLevelObjective Objective, double Measured, long Requests, double AtMs);
