using System.Globalization;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Traffic;

/// <summary>
/// Parses one stage, the same text in a scenario's <c>stages:</c> list and in <c>--stage</c>:
/// <code>
/// [warmup|cooldown] ramp [FROM] to TO over D [exponential]
/// [warmup|cooldown] hold LEVEL for D
/// burst Kx for D
/// diurnal PEAK over D (trough LEVEL | ratio R | weights W1,...,W24)
/// pause D
/// </code>
/// LEVEL is a rate (<c>20/s</c>, <c>1200/m</c>) or a number of users (<c>50 users</c>); any stage may end
/// with <c>think D</c> or <c>think D1..D2</c> (users only) and <c>as NAME</c>.
/// </summary>
internal static class StageText
{
    public const string Forms = "ramp [FROM] to TO over D [exponential] | hold LEVEL for D | burst Kx for D | diurnal PEAK over D (trough LEVEL | ratio R | weights W1,...,W24) | pause D; LEVEL is 20/s, 1200/m or 50 users; optional: a warmup or cooldown prefix, think D[..D], as NAME";

    private const string LevelExpected = "a level such as 20/s, 1200/m or 50 users";

    public static bool TryParse(string text, out StageSpec spec, out string error)
    {
        spec = new StageSpec { Kind = StageKind.Pause };
        try
        {
            spec = Parse(new Tokens(text)) with { Source = $"'{text.Trim()}'" };
            error = "";
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static StageSpec Parse(Tokens tokens)
    {
        var role = tokens.Peek() switch
        {
            "warmup" => StageRole.Warmup,
            "cooldown" => StageRole.Cooldown,
            _ => StageRole.Measured,
        };
        if (role != StageRole.Measured)
        {
            tokens.Next();
        }

        var kindWord = tokens.Next() ?? throw new FormatException("empty stage; expected " + Forms);
        var spec = kindWord switch
        {
            "ramp" => Ramp(tokens),
            "hold" => new StageSpec { Kind = StageKind.Hold, From = ReadLevel(tokens), Duration = Keyword(tokens, "for", ReadDuration) },
            "burst" => new StageSpec { Kind = StageKind.Burst, Factor = ReadFactor(tokens), Duration = Keyword(tokens, "for", ReadDuration) },
            "diurnal" => Diurnal(tokens),
            "pause" => new StageSpec { Kind = StageKind.Pause, Duration = ReadDuration(tokens.SkipOptional("for")) },
            _ => throw new FormatException($"unknown stage '{kindWord}'; expected {Forms}"),
        };
        spec = spec with { Role = role };
        while (tokens.Next() is { } option)
        {
            spec = option switch
            {
                "think" => spec with { Think = ReadThink(tokens) },
                "as" => spec with { Name = ReadName(tokens) },
                _ => throw new FormatException($"unexpected '{option}'; a stage may end with think D[..D] and as NAME"),
            };
        }

        return spec;
    }

    private static StageSpec Ramp(Tokens tokens)
    {
        Level? from = tokens.Peek() == "to" ? null : ReadLevel(tokens);
        var to = Keyword(tokens, "to", ReadLevel);
        var duration = Keyword(tokens, "over", ReadDuration);
        var exponential = tokens.Skip("exponential");
        if (!exponential)
        {
            tokens.Skip("linear");
        }

        if (from is { } start && start.Unit != to.Unit)
        {
            throw new FormatException("a ramp goes from a rate to a rate or from users to users");
        }

        if (exponential && (from is not { Value: > 0 } || to.Value <= 0))
        {
            throw new FormatException("an exponential ramp needs a start and an end above zero, e.g. ramp 1/s to 100/s over 5m exponential");
        }

        return new StageSpec { Kind = StageKind.Ramp, From = from, To = to, Duration = duration, Exponential = exponential };
    }

    private static StageSpec Diurnal(Tokens tokens)
    {
        var spec = new StageSpec { Kind = StageKind.Diurnal, From = ReadLevel(tokens), Duration = Keyword(tokens, "over", ReadDuration) };
        switch (tokens.Next())
        {
            case "trough":
                var trough = ReadLevel(tokens);
                if (trough.Unit != spec.From!.Value.Unit || trough.Value > spec.From.Value.Value)
                {
                    throw new FormatException("a diurnal trough is in the peak's unit and not above the peak");
                }

                return spec with { To = trough };
            case "ratio":
                var ratio = ReadNumber(tokens, "a peak/trough ratio of at least 1, e.g. ratio 4");
                return ratio >= 1 ? spec with { Ratio = ratio } : throw new FormatException("expected a peak/trough ratio of at least 1, e.g. ratio 4");
            case "weights":
                return spec with { Weights = ReadWeights(tokens) };
            default:
                throw new FormatException("a diurnal stage needs the shape of its day: trough LEVEL, ratio R (peak/trough) or weights W1,...,W24");
        }
    }

    private static T Keyword<T>(Tokens tokens, string keyword, Func<Tokens, T> read)
        => tokens.Skip(keyword) ? read(tokens) : throw new FormatException($"expected '{keyword}' {(tokens.Peek() is { } got ? $"where '{got}' is" : "after " + tokens.Last)}");

    private static Level ReadLevel(Tokens tokens)
    {
        var word = tokens.Next() ?? throw new FormatException("expected " + LevelExpected);
        foreach (var (suffix, perSecond) in new[] { ("/s", 1.0), ("/min", 1 / 60.0), ("/m", 1 / 60.0) })
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return new Level(Number(word[..^suffix.Length], LevelExpected, word) * perSecond, LoadUnit.Rate);
            }
        }

        if (tokens.Peek() is "users" or "user")
        {
            tokens.Next();
            var users = Number(word, LevelExpected, word);
            return users == Math.Floor(users) ? new Level(users, LoadUnit.Users) : throw new FormatException($"expected a whole number of users, got '{word}'");
        }

        throw new FormatException($"expected {LevelExpected}, got '{word}'");
    }

    private static double ReadFactor(Tokens tokens)
    {
        var word = tokens.Next() ?? throw new FormatException("expected a multiple such as 5x");
        return word.EndsWith('x') && double.TryParse(word[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && double.IsFinite(factor)
            ? factor
            : throw new FormatException($"expected a multiple of the current level such as 5x, got '{word}'");
    }

    private static TimeSpan ReadDuration(Tokens tokens)
    {
        var word = tokens.Next() ?? throw new FormatException("expected a duration, " + DurationText.Expected);
        return DurationText.TryParse(word, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new FormatException($"expected a duration above zero, {DurationText.Expected}, got '{word}'");
    }

    private static ThinkTime ReadThink(Tokens tokens)
    {
        var word = tokens.Next() ?? throw new FormatException("expected " + ThinkTime.Expected);
        return ThinkTime.Parse(word) ?? throw new FormatException($"expected {ThinkTime.Expected}, got '{word}'");
    }

    private static string ReadName(Tokens tokens)
    {
        var name = tokens.NextAsWritten() ?? throw new FormatException("expected a stage name after 'as'");
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            ? name
            : throw new FormatException($"a stage name is letters, digits, '_', '-' and '.', got '{name}'");
    }

    private static List<double> ReadWeights(Tokens tokens)
    {
        var word = tokens.Next() ?? throw new FormatException("expected 24 hourly weights, comma-separated");
        var weights = word.Split(',').Select(w => Number(w, "24 non-negative hourly weights, comma-separated", word)).ToList();
        if (weights.Count != 24 || weights.Any(w => w < 0) || weights.All(w => w == 0))
        {
            throw new FormatException($"expected 24 non-negative hourly weights, comma-separated, not all zero; got {weights.Count}");
        }

        return weights;
    }

    private static double ReadNumber(Tokens tokens, string expected)
        => Number(tokens.Next() ?? throw new FormatException("expected " + expected), expected, "");

    private static double Number(string text, string expected, string word)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && double.IsFinite(value)
            ? value
            : throw new FormatException($"expected {expected}, got '{(word.Length > 0 ? word : text)}'");

    /// <summary>The words of a stage, read left to right; keywords and levels compare lower-cased.</summary>
    private sealed class Tokens(string text)
    {
        private readonly string[] _words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        private int _next;

        public string Last => _next == 0 ? "the start" : $"'{_words[_next - 1]}'";

        public string? Peek() => _next < _words.Length ? _words[_next].ToLowerInvariant() : null;

        public string? Next() => NextAsWritten()?.ToLowerInvariant();

        public string? NextAsWritten() => _next < _words.Length ? _words[_next++] : null;

        public Tokens SkipOptional(string word)
        {
            Skip(word);
            return this;
        }

        public bool Skip(string word)
        {
            if (Peek() != word)
            {
                return false;
            }

            _next++;
            return true;
        }
    }
}
