namespace LlmLoad.Simulator.ChatCompletions;

/// <summary>
/// Response ids in the real API's shape (<c>chatcmpl-</c> + random alphanumerics). They are not
/// derived from the seed: two seeded runs must still be told apart in their records and truth logs.
/// </summary>
internal static class ResponseId
{
    private const string Prefix = "chatcmpl-";
    private const int RandomLength = 24;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => string.Create(Prefix.Length + RandomLength, 0, static (span, _) =>
    {
        Prefix.CopyTo(span);
        Random.Shared.GetItems(Alphabet, span[Prefix.Length..]);
    });
}
