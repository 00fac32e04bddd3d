namespace LlmLoad.Simulator.Faults;

/// <summary>The optional settings of a fault rule, named per notation by <see cref="FaultSyntax"/>.</summary>
internal enum FaultField
{
    Probability,
    From,
    Until,
    For,
    After,
}
