using LlmLoad.Simulator.Timing;

namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>Everything decided about one response before its first byte is sent.</summary>
internal sealed class CompletionPlan
{
    private CompletionPlan(string id, long created, ChatCompletionRequest request, int completionTokens, TokenSchedule schedule)
    {
        Id = id;
        Created = created;
        Request = request;
        CompletionTokens = completionTokens;
        Schedule = schedule;
    }

    public string Id { get; }

    /// <summary>Unix seconds, as in the real <c>created</c> field.</summary>
    public long Created { get; }

    public ChatCompletionRequest Request { get; }

    /// <summary>The output always runs to the requested length: that is what a load test asks for.</summary>
    public int CompletionTokens { get; }

    /// <summary>"length" when the client set a cap (the model was cut off there), else "stop".</summary>
    public string FinishReason => Request.MaxTokens is null ? "stop" : "length";

    public TokenSchedule Schedule { get; }

    public static CompletionPlan Create(ChatCompletionRequest request, SimulatorOptions options, long arrival, long sequence)
    {
        var random = RequestRandom.Create(options.Seed, sequence);
        var schedule = new TokenSchedule(random, options.TimeToFirstTokenMs, options.InterTokenLatencyMs, arrival);
        return new CompletionPlan(
            ResponseId.New(),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            request,
            request.MaxTokens ?? options.DefaultMaxTokens,
            schedule);
    }
}
