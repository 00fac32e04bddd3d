namespace LlmLoad.FindLimit;

/// <summary>One step to run.</summary>
/// <param name="Index">1-based, in the order the steps run.</param>
/// <param name="Load">Arrivals per second or requests in flight, by the search's axis.</param>
/// <param name="MaxRequests">What is left of the request budget: the step stops there even before its duration; null for no budget.</param>
internal sealed record StepPlan(int Index, double Load, long? MaxRequests);
