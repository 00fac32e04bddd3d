using System.Text;

namespace LlmLoad.Simulator.Generation;

/// <summary>
/// The function call a response makes instead of a text answer: which function, its call id, and its arguments,
/// a JSON object <c>{"input": "…"}</c> whose string is the answer's words, so each answer token is one fragment of the
/// arguments as the APIs stream them (the opening and closing characters go with the first and after the last).
/// </summary>
internal sealed record ToolCallPlan(string Name, string CallId)
{
    /// <summary>The arguments' text before the first word.</summary>
    public const string ArgumentsOpening = "{\"input\":\"";

    /// <summary>The arguments' text after the last word.</summary>
    public const string ArgumentsClosing = "\"}";

    /// <summary>The whole arguments JSON around the answer's words (plain ASCII letters and spaces: nothing to escape).</summary>
    public static string Arguments(ReadOnlySpan<byte> words) => ArgumentsOpening + Encoding.UTF8.GetString(words) + ArgumentsClosing;
}
