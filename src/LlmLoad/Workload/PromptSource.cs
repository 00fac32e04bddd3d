namespace LlmLoad.Workload;

/// <summary>
/// Decides what each request sends, from the seed and its sequence number alone (not timing): its
/// category (drawn from the mix by weight), then either a corpus prompt of that category, taken as it
/// is (input length <c>empirical</c>, or any corpus run without a mix), or a synthetic prompt of exactly
/// the drawn number of tokens; the output length asked for is the corpus prompt's <c>max_tokens</c> when
/// it has one, else a draw. With a shared prefix, the request's system prompt comes first.
/// </summary>
internal sealed class PromptSource
{
    private readonly SyntheticPrompts _synthetic;
    private readonly WorkloadMix? _mix;
    private readonly PromptCorpus? _corpus;
    private readonly LengthDistribution _input;
    private readonly LengthDistribution _output;
    private readonly SharedPrefix? _prefix;
    private readonly int _seed;
    private readonly TokenCounter _counter;
    private readonly Dictionary<string, CorpusEntry[]> _byCategory;

    public PromptSource(WorkloadSpec spec, int seed, TokenCounter counter)
    {
        _synthetic = new SyntheticPrompts(seed, counter);
        _mix = spec.Mix;
        _corpus = spec.Corpus;
        _input = spec.Input;
        _output = spec.Output;
        _seed = seed;
        _counter = counter;
        _prefix = spec.SharedPrefix is { } p ? new SharedPrefix(p.Count, p.Tokens, seed, _synthetic) : null;
        _byCategory = _corpus?.Entries.Where(e => e.Category is not null).GroupBy(e => e.Category!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase) ?? [];
    }

    /// <summary>A problem with the combination (an empirical category without matching prompts), or null.</summary>
    public static string? Problem(WorkloadSpec spec)
    {
        var empirical = spec.Mix?.Categories.Where(c => c.Input is LengthDistribution.Empirical).ToList() ?? [];
        if (spec.Input is LengthDistribution.Empirical && spec.Mix is null && spec.Corpus is null)
        {
            return "an empirical input length takes the corpus prompts' own lengths: give a corpus (--corpus FILE or builtin)";
        }

        if (empirical.Count > 0 && spec.Corpus is null)
        {
            return $"category '{empirical[0].Name}' takes its prompts from the corpus (input empirical): give a corpus (--corpus FILE or builtin)";
        }

        if (spec.Corpus is { } corpus && corpus.Entries.Any(e => e.Category is not null))
        {
            var missing = empirical.FirstOrDefault(c => !corpus.Entries.Any(e => string.Equals(e.Category, c.Name, StringComparison.OrdinalIgnoreCase)));
            if (missing is not null)
            {
                var known = string.Join(", ", corpus.Entries.Select(e => e.Category).OfType<string>().Distinct().Order());
                return $"category '{missing.Name}' takes its prompts from the corpus, which has none of that category; its categories: {known}";
            }
        }

        return null;
    }

    /// <param name="input">A length the request must have (a replayed trace's): a synthetic prompt of it.</param>
    /// <param name="output">Likewise for the output asked for.</param>
    public PromptPlan Create(long seq, int? input = null, int? output = null)
    {
        var random = new Random(StreamSeed.For(_seed, seq));
        var category = _mix?.Pick(random);
        var inputLength = category?.Input ?? _input;
        var outputLength = category?.Output ?? _output;
        var fromCorpus = input is null && _corpus is not null && (category is null ? _mix is null : inputLength is LengthDistribution.Empirical);
        var plan = fromCorpus
            ? FromCorpus(random, category?.Name, output ?? DrawIfAny(outputLength, random))
            : _synthetic.Create(random, input ?? inputLength.Sample(random), output ?? outputLength.Sample(random)) with { Category = category?.Name };
        return _prefix is null ? plan : WithPrefix(plan, _prefix.For(seq));
    }

    private static int? DrawIfAny(LengthDistribution distribution, Random random)
        => distribution is LengthDistribution.Empirical ? null : distribution.Sample(random);

    private PromptPlan FromCorpus(Random random, string? category, int? drawnOutput)
    {
        var pool = category is not null && _byCategory.TryGetValue(category, out var own) ? own : (IReadOnlyList<CorpusEntry>)_corpus!.Entries;
        var entry = pool[random.Next(pool.Count)];
        var text = entry.Text;
        var maxTokens = entry.MaxTokens ?? drawnOutput ?? throw new InvalidOperationException("checked by Problem: an output length is always known");
        return new PromptPlan(text, _counter.Count(text), maxTokens)
        {
            Category = category ?? entry.Category,
            Messages = entry.Messages.Count == 1 && entry.Messages[0].Role == "user" ? null : entry.Messages,
        };
    }

    private PromptPlan WithPrefix(PromptPlan plan, string prefix)
        => plan with
        {
            InputTokens = plan.InputTokens + _prefix!.Tokens,
            Messages = [new ChatTurn("system", prefix), .. plan.Turns],
        };
}

/// <summary>Everything that decides what requests send: lengths, an optional mix, corpus and shared prefix.</summary>
internal sealed record WorkloadSpec
{
    public LengthDistribution Input { get; init; } = new LengthDistribution.Fixed(256);

    public LengthDistribution Output { get; init; } = new LengthDistribution.Fixed(64);

    public WorkloadMix? Mix { get; init; }

    public PromptCorpus? Corpus { get; init; }

    public (int Count, int Tokens)? SharedPrefix { get; init; }
}
