namespace LlmLoad.Workload;

/// <summary>One session's conversation as it grows: the first request's messages, then each answer and the next user message.</summary>
internal sealed class Conversation(IReadOnlyList<ChatTurn> first)
{
    private readonly List<ChatTurn> _turns = [.. first];

    public IReadOnlyList<ChatTurn> Turns => _turns;

    /// <summary>Adds the model's answer and the user's next message; returns the messages to send.</summary>
    public IReadOnlyList<ChatTurn> Continue(string answer, string nextUserMessage)
    {
        _turns.Add(new ChatTurn("assistant", answer));
        _turns.Add(new ChatTurn("user", nextUserMessage));
        return _turns;
    }
}
