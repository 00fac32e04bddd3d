namespace LlmLoad.Simulator.Tests.ChatCompletions;

/// <summary>Timing tests run alone, after the rest, so other tests' CPU use does not skew their clocks.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
