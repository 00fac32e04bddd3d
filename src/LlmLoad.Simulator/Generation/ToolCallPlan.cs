using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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

    /// <summary>A JSON string literal of <paramref name="value"/>, quotes escaped as the APIs write them (<c>\"</c>, not <c>\u0022</c>).</summary>
    public static string JsonString(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    /// <summary>The whole arguments JSON around the answer's words (plain ASCII letters and spaces: nothing to escape).</summary>
    public static string Arguments(ReadOnlySpan<byte> words) => ArgumentsOpening + Encoding.UTF8.GetString(words) + ArgumentsClosing;
}
