using System.Collections.Concurrent;
using System.Globalization;

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
    private readonly WorkloadMix? _mix;
    private readonly PromptCorpus? _corpus;
    private readonly LengthDistribution _input;
    private readonly LengthDistribution _output;
    private readonly SharedPrefix? _prefix;
    private readonly int _seed;
    private readonly IReadOnlyList<ToolDefinition> _tools;
    private readonly TokenCounter _counter;
    private readonly Dictionary<string, CorpusEntry[]> _byCategory;
    private readonly ConcurrentDictionary<CorpusEntry, int> _entryTokens = new(ReferenceEqualityComparer.Instance);

    public PromptSource(WorkloadSpec spec, int seed, TokenCounter counter)
    {
        _mix = spec.Mix;
        _corpus = spec.Corpus;
        _input = spec.Input;
        _output = spec.Output;
        _seed = seed;
        _counter = counter;
        _tools = spec.Tools;
        _prefix = spec.SharedPrefix is { } p ? new SharedPrefix(p.Count, p.Tokens, seed) : null;
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
        var draw = Draw(seq, input, output);
        var plan = draw.Entry is { } entry
            ? new PromptPlan(entry.Text, draw.Input, draw.Output)
            {
                Category = draw.Category,
                Messages = entry.Messages.Count == 1 && entry.Messages[0].Role == "user" ? null : entry.Messages,
                Tools = entry.Tools.Count > 0 ? entry.Tools : _tools,
            }
            : SyntheticPrompts.Create(draw.Random, draw.Input, draw.Output) with { Category = draw.Category, Tools = _tools };
        return _prefix is null ? plan : WithPrefix(plan, _prefix.For(seq));
    }

    /// <summary>
    /// A batch of <paramref name="count"/> inputs for an API that embeds them: each a prompt drawn as
    /// <see cref="Create"/> draws one (input <c>seq × count + i</c>, so batches never share a draw), its turns
    /// joined into one text. Nothing is generated, so the output asked for is 0; the category is the first input's.
    /// </summary>
    public PromptPlan CreateBatch(long seq, int count, int? input = null)
    {
        var drawn = Enumerable.Range(0, count).Select(i => Create((seq * count) + i, input, output: 0)).ToList();
        return new PromptPlan(Text(drawn[0]), drawn.Sum(p => p.InputTokens), 0)
        {
            Category = drawn[0].Category,
            Messages = count == 1 ? null : [.. drawn.Select(p => new ChatTurn("user", Text(p)))],
            Inputs = count,
        };

        static string Text(PromptPlan plan) => plan.Messages is null ? plan.Prompt : string.Join("\n\n", plan.Turns.Select(t => t.Content));
    }

    /// <summary>Request seq's prompt and output lengths and category, as <see cref="Create"/> makes them, without building the text (for estimates).</summary>
    public (int Input, int Output, string? Category) Lengths(long seq)
    {
        var draw = Draw(seq, null, null);
        return (draw.Input + (_prefix?.Tokens ?? 0), draw.Output, draw.Category);
    }

    /// <summary>
    /// The user's message for turn <paramref name="turn"/> of a session: a synthetic message of a length drawn
    /// from the session's category (or the run's lengths), asking for an output drawn likewise.
    /// </summary>
    public PromptPlan FollowUp(PromptPlan first, long session, int turn)
    {
        var random = new Random(StreamSeed.For(_seed, (session * 1024) + turn, purpose: 5));
        var category = _mix?.Categories.FirstOrDefault(c => c.Name == first.Category);
        var input = category?.Input ?? _input;
        var output = category?.Output ?? _output;
        var length = input is LengthDistribution.Empirical ? Math.Max(1, first.InputTokens) : input.Sample(random);
        var maxTokens = output is LengthDistribution.Empirical ? first.MaxOutputTokens : output.Sample(random);
        return SyntheticPrompts.Create(random, length, maxTokens) with { Category = first.Category };
    }

    /// <summary>The prompt length of a whole conversation, by this source's tokenizer.</summary>
    public int CountTokens(IReadOnlyList<ChatTurn> messages) => messages.Sum(m => _counter.Count(m.Content));

    /// <summary>The draws that decide request seq, in a fixed order so that its words (drawn after them) depend on nothing else.</summary>
    private Drawn Draw(long seq, int? input, int? output)
    {
        var random = new Random(StreamSeed.For(_seed, seq));
        var category = _mix?.Pick(random);
        var inputLength = category?.Input ?? _input;
        var outputLength = category?.Output ?? _output;
        var fromCorpus = input is null && _corpus is not null && (category is null ? _mix is null : inputLength is LengthDistribution.Empirical);
        if (!fromCorpus)
        {
            return new Drawn(random, category?.Name, null, input ?? inputLength.Sample(random), output ?? outputLength.Sample(random));
        }

        int? drawnOutput = output ?? (outputLength is LengthDistribution.Empirical ? null : outputLength.Sample(random));
        var pool = category is not null && _byCategory.TryGetValue(category.Name, out var own) ? own : (IReadOnlyList<CorpusEntry>)_corpus!.Entries;
        var entry = pool[random.Next(pool.Count)];
        var maxTokens = entry.MaxTokens ?? drawnOutput ?? throw new InvalidOperationException("checked by Problem: an output length is always known");
        return new Drawn(random, category?.Name ?? entry.Category, entry, _entryTokens.GetOrAdd(entry, e => _counter.Count(e.Text)), maxTokens);
    }

    private PromptPlan WithPrefix(PromptPlan plan, string prefix)
        => plan with
        {
            InputTokens = plan.InputTokens + _prefix!.Tokens,
            Messages = [new ChatTurn("system", prefix), .. plan.Turns],
        };
}
