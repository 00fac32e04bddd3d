using System.Globalization;
using LlmLoad.Engine;
using LlmLoad.Options;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Estimate;

/// <summary>
/// Estimates a run from its options alone; sends nothing (docs/cost.md). Totals are compound sums: K requests (fixed, or
/// random for Poisson and gamma arrivals over a time) of lengths drawn independently, so a total has mean E[K] mu and
/// variance E[K] sigma^2 + Var[K] mu^2. Every response is taken to run to its max_tokens, which is what the built-in
/// simulator does and what a load test with fixed output lengths asks for.
/// </summary>
internal static class RunEstimator
{
    /// <summary>Low and high are this many standard deviations of the total below and above its mean (99.7% of runs for a normal total).</summary>
    public const double Spread = 3;

    public static RunEstimate Estimate(RunOptions options)
    {
        var notes = new List<string>();
        var count = RequestCount.Of(options.Load, notes);
        var (input, output) = PerRequest(options, count is { Variance: 0 } known ? (int)Math.Min(Samples, Math.Ceiling(known.Mean)) : Samples, notes);
        var price = options.Cost.Price;
        var perRequestCost = price is null ? (decimal?)null : Math.Round(price.CostUsd(Dec(input.Mean), 0, Dec(output.Mean)), Usd.MeanDecimals);

        EstimateRange? requests = null, inputTokens = null, outputTokens = null, cost = null;
        if (count is not null)
        {
            requests = Range(count.Mean, count.Variance);
            var (inputTotal, inputVariance) = Total(count, input, options.Load, row => row.InputTokens);
            var (outputTotal, outputVariance) = Total(count, output, options.Load, row => row.OutputTokens);
            inputTokens = Range(inputTotal, inputVariance);
            outputTokens = Range(outputTotal, outputVariance);
            if (price is not null)
            {
                cost = new EstimateRange(
                    price.CostUsd(inputTokens.Value.Low, 0, outputTokens.Value.Low),
                    price.CostUsd(inputTokens.Value.Expected, 0, outputTokens.Value.Expected),
                    price.CostUsd(inputTokens.Value.High, 0, outputTokens.Value.High));
            }
        }

        Explain(options, count, notes);
        return new RunEstimate(options.Model, requests, count?.Basis ?? "unknown", inputTokens, outputTokens,
            (Math.Round(Dec(input.Mean), 1), Math.Round(Dec(output.Mean), 1)), price, cost, perRequestCost, options.Cost.BudgetUsd, notes);
    }

    /// <summary>How many requests' lengths are drawn to learn the workload's mean and spread (exactly the run's when it sends at most this many).</summary>
    public const int Samples = 4000;

    /// <summary>
    /// The mean and variance of a request's input and output tokens, from the lengths the run itself will draw for
    /// its first <see cref="Samples"/> requests (the same seed, mix, corpus and shared prefix, without building the
    /// text). With sessions, a request is a whole session: T turns, each resending the conversation so far.
    /// </summary>
    private static (LengthMoments Input, LengthMoments Output) PerRequest(RunOptions options, int samples, List<string> notes)
    {
        var source = new PromptSource(options.Workload, options.Seed, TokenCounter.ForEncoding(options.Tokenizer));
        if (options.Format.InputsPerRequest is { } batch)
        {
            // An embeddings request sends the batch's inputs, drawn as PromptSource.CreateBatch draws them, and generates nothing.
            var batches = Enumerable.Range(0, Math.Max(1, samples)).Select(r => (double)Enumerable.Range(0, batch).Sum(i => source.Lengths(((long)r * batch) + i).Input));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"embeddings: a request sends {batch} input{(batch == 1 ? "" : "s")} and generates no output tokens"));
            return (LengthMoments.Of(batches), LengthMoments.Of([0.0]));
        }

        var lengths = Enumerable.Range(0, Math.Max(1, samples)).Select(i => source.Lengths(i)).ToList();
        var input = LengthMoments.Of(lengths.Select(l => (double)l.Input));
        var output = LengthMoments.Of(lengths.Select(l => (double)l.Output));
        if (options.Workload.Sessions is not { } sessions)
        {
            return (input, output);
        }

        // Turn k sends the k user messages and k - 1 answers so far: a session of T turns sends
        // T(T+1)/2 user messages' worth of input and T(T-1)/2 answers' worth, and generates T answers.
        var turns = Enumerable.Range(0, Samples).Average(s => (double)sessions.TurnsOf(options.Seed, s));
        var (users, answers) = (turns * (turns + 1) / 2, turns * (turns - 1) / 2);
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"sessions: a request counts as a whole session of {turns:0.##} turns on average, each resending the conversation so far; later turns' messages are drawn like first ones"));
        return (new LengthMoments((users * input.Mean) + (answers * output.Mean), (users * users * input.Variance) + (answers * answers * output.Variance)),
            new LengthMoments(turns * output.Mean, turns * turns * output.Variance));
    }

    /// <summary>The total of one kind of token: trace rows that give their own length add it as is; the other requests draw it.</summary>
    private static (double Mean, double Variance) Total(RequestCount count, LengthMoments drawn, LoadShape load, Func<Traffic.TraceArrival, int?> own)
    {
        double given = 0, drawnCount = count.Mean;
        if (load.Trace is { } trace && count.TraceRows > 0)
        {
            var rows = trace.Take(count.TraceRows).Select(own).ToList();
            given = rows.Sum(length => length ?? 0);
            drawnCount = rows.Count(length => length is null);
        }

        return (given + (drawnCount * drawn.Mean), (drawnCount * drawn.Variance) + (count.Variance * drawn.Mean * drawn.Mean));
    }

    private static EstimateRange Range(double mean, double variance)
    {
        var spread = Spread * Math.Sqrt(variance);
        return new EstimateRange(Dec(Math.Round(Math.Max(0, mean - spread))), Dec(Math.Round(mean)), Dec(Math.Round(mean + spread)));
    }

    private static void Explain(RunOptions options, RequestCount? count, List<string> notes)
    {
        notes.Add($"low and high: the expected totals minus and plus {Spread} standard deviations of the total (of the lengths drawn{(count is { Variance: > 0 } ? ", and of the number of arrivals, which is random" : "")}); the low and high costs are those of the low and high token totals");
        if (options.Format.InputsPerRequest is null)
        {
            notes.Add("every response is assumed to run to its max_tokens (--output-tokens): the built-in simulator does; a model that stops earlier costs less");
        }

        notes.Add($"input tokens as the local {options.Tokenizer} tokenizer counts them: a real API adds its chat template (a few tokens per message){(TokenCounter.IsExactFor(options.Model) ? "" : ", and this model's family counts with its own tokenizer")}");
        notes.Add(options.Workload.SharedPrefix is null
            ? "no prompt-cache hits: synthetic prompts share no prefix, so all input is priced as uncached"
            : "shared prefixes are priced as uncached input: what the server's prompt cache serves costs less");
        if (options.Load is { IsOpenLoop: true, Concurrency: not null })
        {
            notes.Add("arrivals dropped at a full --concurrency cap are not subtracted: the figures are then an upper bound");
        }

        if (options.Cost.Price is null && options.Cost.Unpriced is { } unpriced)
        {
            notes.Add("tokens only: " + unpriced);
        }
    }

    private static decimal Dec(double value) => (decimal)value;
}
