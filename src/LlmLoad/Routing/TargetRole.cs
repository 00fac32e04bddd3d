namespace LlmLoad.Routing;

/// <summary>What a target is for: primaries take their weight of the traffic; fallbacks take theirs and what fails on a primary.</summary>
internal enum TargetRole
{
    Primary,
    Fallback,
}
