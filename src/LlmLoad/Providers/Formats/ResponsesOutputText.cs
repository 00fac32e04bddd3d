namespace LlmLoad.Providers.Formats;

/// <summary>
/// What the output items of one Responses API response held, as it was read: how many bytes of answer
/// (messages, refusals, tool-call arguments) and of reasoning went to the capture's text, and whether one
/// item was a tool call (a completed response then finishes with <c>tool_calls</c>).
/// </summary>
internal struct ResponsesOutputText
{
    public int AnswerBytes;

    public int ReasoningBytes;

    public bool CalledTool;
}
