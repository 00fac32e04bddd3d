namespace LlmLoad.Workload;

/// <summary>One named kind of request of a mix, with its share and its input and output length distributions.</summary>
public sealed record WorkloadCategory(string Name, double Weight, LengthDistribution Input, LengthDistribution Output);
