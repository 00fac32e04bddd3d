namespace LlmLoad.Simulator.Generation;

/// <summary>
/// The function tools a request offers and what its tool choice says, in words common to the APIs: chat completions'
/// and Responses' <c>none</c>/<c>auto</c>/<c>required</c>/a named function, Anthropic's <c>none</c>/<c>auto</c>/<c>any</c>/<c>tool</c>,
/// Gemini's <c>NONE</c>/<c>AUTO</c>/<c>ANY</c> with allowed names.
/// </summary>
/// <param name="Names">The functions' names, in the request's order.</param>
/// <param name="Required">The model must call a tool (<c>required</c>, <c>any</c>, <c>ANY</c>, or a named one).</param>
/// <param name="Forced">The one function the request names, when it does.</param>
/// <param name="Allowed">Calling is allowed at all (false for <c>none</c>).</param>
internal sealed record OfferedTools(IReadOnlyList<string> Names, bool Required = false, string? Forced = null, bool Allowed = true)
{
    public static OfferedTools None { get; } = new([]);

    /// <summary>
    /// Which function the simulated model calls: none when nothing is offered or calling is not allowed; the forced one,
    /// or the first, when calling is required; otherwise the first, for <paramref name="share"/> of the requests.
    /// </summary>
    /// <param name="draw">A uniform draw in [0, 1) from the request's own tool stream.</param>
    public string? ToCall(double share, double draw)
    {
        if (Names.Count == 0 || !Allowed)
        {
            return null;
        }

        return Forced ?? (Required || draw < share ? Names[0] : null);
    }
}
