namespace LlmLoad.Tests.Support;

/// <summary>
/// Tests that compare measured timings with what a simulator was told to do. They run alone, after the
/// parallel ones: on a 2-core machine, a dozen other tests' processes running beside them would put
/// their own scheduling delays into the figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
