namespace LlmLoad.Simulator.Generation;

/// <summary>
/// Ids in the real APIs' shape (a prefix such as <c>chatcmpl-</c>, <c>msg_</c> or <c>req_</c>, then random
/// alphanumerics). They are not derived from the seed: two seeded runs must still be told apart in their
/// records and truth logs.
/// </summary>
internal static class ResponseId
{
    private const int RandomLength = 24;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New(string prefix) => string.Create(prefix.Length + RandomLength, prefix, static (span, prefix) =>
    {
        prefix.CopyTo(span);
        Random.Shared.GetItems(Alphabet, span[prefix.Length..]);
    });
}
