using System.Collections.Concurrent;
using System.Globalization;

namespace LlmLoad.Workload;

/// <summary>Everything that decides what requests send: lengths, an optional mix, corpus and shared prefix.</summary>
internal sealed record WorkloadSpec
{
    public LengthDistribution Input { get; init; } = new LengthDistribution.Fixed(256);

    public LengthDistribution Output { get; init; } = new LengthDistribution.Fixed(64);

    public WorkloadMix? Mix { get; init; }

    public PromptCorpus? Corpus { get; init; }

    /// <summary>Function tools sent with every prompt that has none of its own (<c>--tools</c>); none by default.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    public (int Count, int Tokens)? SharedPrefix { get; init; }

    /// <summary>Multi-turn sessions; null sends single requests.</summary>
    public SessionSpec? Sessions { get; init; }

    /// <summary>What the console says the requests are.</summary>
    public string Describe()
    {
        var what = (Mix, Corpus) switch
        {
            ({ } mix, _) => $"a mix of {mix.Categories.Count} categories ({string.Join(", ", mix.Categories.Select(c => c.Name + " " + mix.Share(c).ToString("0.#%", CultureInfo.InvariantCulture)))})",
            (null, { } corpus) => $"corpus prompts ({corpus.Entries.Count} of them)",
            _ => $"prompts {Input} tokens, output {Output} tokens",
        };
        return what
            + (SharedPrefix is { } prefix ? $", {prefix.Count} shared system prompts of {prefix.Tokens} tokens" : "")
            + (Sessions is { } sessions ? $", sessions of {sessions.Turns} turns" : "");
    }
}
