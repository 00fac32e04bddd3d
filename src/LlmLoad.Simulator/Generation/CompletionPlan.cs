using LlmLoad.Simulator.Timing;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// Everything decided about one response before its first byte is sent, whatever API it is sent in:
/// the wire formats differ only in how they wrap the same tokens and timings.
/// </summary>
internal sealed class CompletionPlan
{
    private CompletionPlan(string id, string model, int promptTokens, int completionTokens, Random random)
    {
        Id = id;
        Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Model = model;
        PromptTokens = promptTokens;
        CompletionTokens = completionTokens;
        Random = random;
    }

    /// <summary>The response id in the API's own shape (<c>chatcmpl-…</c>, <c>msg_…</c>).</summary>
    public string Id { get; }

    /// <summary>Unix seconds, as in OpenAI's <c>created</c> field.</summary>
    public long Created { get; }

    /// <summary>Echoed from the request, as the real APIs do for an alias they resolve.</summary>
    public string Model { get; }

    public int PromptTokens { get; }

    /// <summary>The output always runs to the requested length: that is what a load test asks for.</summary>
    public int CompletionTokens { get; }

    /// <summary>This request's own random stream: its delays and words, reproducible under the server seed.</summary>
    public Random Random { get; }

    public static CompletionPlan Create(string id, string model, int promptTokens, int completionTokens, int seed, long sequence)
        => new(id, model, promptTokens, completionTokens, RequestRandom.Create(seed, sequence));
}
