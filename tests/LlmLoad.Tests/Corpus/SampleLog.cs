using System.Text;
using System.Text.Json;

namespace LlmLoad.Tests.Corpus;

/// <summary>
/// A small production-like log with known contents: 60 short prompts with short answers (half with an
/// e-mail address), 30 short prompts with long answers (as chat messages, output given as response text
/// or usage), 10 medium prompts without an output length, 1 long prompt, and 20 whitespace-variant duplicates.
/// </summary>
internal static class SampleLog
{
    public const int ShortShort = 60;
    public const int ShortLong = 30;
    public const int Medium = 10;
    public const int Long = 1;
    public const int Duplicates = 20;
    public const int Unique = ShortShort + ShortLong + Medium + Long;
    public const int Emails = ShortShort / 2;

    public static List<string> Lines()
    {
        var lines = new List<string>();
        for (var i = 0; i < ShortShort; i++)
        {
            var prompt = i % 2 == 0 ? $"Question {i}: please write to user{i}@example.com about the refund." : $"Question {i}: how do I sort a list in Python?";
            lines.Add(Json(new { prompt, usage = new { completion_tokens = 100 + i } }));
        }

        for (var i = 0; i < ShortLong; i++)
        {
            var messages = new[] { new { role = "system", content = "You write long essays." }, new { role = "user", content = $"Essay {i} on the history of tea." } };
            lines.Add(i % 2 == 0
                ? Json(new { messages, usage = new { output_tokens = 800 } })
                : Json(new { messages, response = Words(600), category = "essays" }));
        }

        for (var i = 0; i < Medium; i++)
        {
            lines.Add(Json(new { prompt = $"Summarize document {i}: " + Words(700) }));
        }

        lines.Add(Json(new { prompt = "Review this contract: " + Words(2500), output_tokens = 50 }));
        for (var i = 0; i < Duplicates; i++)
        {
            lines.Add(Json(new { prompt = $"  Question {2 * i + 1}:   how do I sort a list\tin Python?\n", usage = new { completion_tokens = 1 } }));
        }

        return lines;
    }

    /// <summary>" word" is one o200k token: n words make about n tokens.</summary>
    private static string Words(int n)
    {
        var text = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            text.Append(i % 2 == 0 ? " tea" : " leaf");
        }

        return text.ToString();
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
