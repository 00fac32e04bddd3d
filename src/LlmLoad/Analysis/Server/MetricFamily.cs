namespace LlmLoad.Analysis.Server;

/// <summary>
/// One metric family: its name as the <c># TYPE</c> line gives it (a counter keeps its <c>_total</c>), its type
/// (counter, gauge, histogram, summary, untyped), its help text, and its samples in order.
/// </summary>
internal sealed record MetricFamily(string Name, string Type, string Help, IReadOnlyList<MetricSample> Samples);
