namespace LlmLoad.Shared;

/// <summary>The settings of a run by key (the option name without dashes); later sources override earlier ones.</summary>
internal sealed class ScenarioSettings
{
    private readonly Dictionary<string, List<Setting>> _values = new(StringComparer.Ordinal);

    /// <summary>Every key set, in no particular order.</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>The value of a single-valued key (the last one given), or null.</summary>
    public Setting? this[string key] => _values.GetValueOrDefault(key)?[^1];

    public void Set(string key, Setting setting) => _values[key] = [setting];

    /// <summary>Adds one more value to a repeatable key (a list in the file, an option given several times).</summary>
    public void Add(string key, Setting setting)
    {
        if (_values.TryGetValue(key, out var list))
        {
            list.Add(setting);
        }
        else
        {
            _values[key] = [setting];
        }
    }

    /// <summary>
    /// Parses a setting if present, else returns default. A parser reports a bad value by throwing
    /// <see cref="FormatException"/> with what was expected; the error then names where the value came from.
    /// </summary>
    /// <param name="echoValue">False where the value could be a secret pasted by mistake (an API key).</param>
    public T? Read<T>(string key, Func<string, T> parse, List<string> errors, bool echoValue = true)
    {
        if (this[key] is not { } setting)
        {
            return default;
        }

        try
        {
            return parse(setting.Value);
        }
        catch (FormatException ex)
        {
            errors.Add(echoValue ? $"{setting.Label}: {ex.Message}, got '{setting.Value}'" : $"{setting.Label}: {ex.Message}");
            return default;
        }
    }

    /// <summary>Every value of a repeatable key, in the order given.</summary>
    public IReadOnlyList<Setting> All(string key) => _values.GetValueOrDefault(key) ?? [];

    /// <summary>Applies <paramref name="overrides"/> on top: command-line flags over the file; a repeatable key given on top replaces the file's whole list.</summary>
    public void OverrideWith(ScenarioSettings overrides)
    {
        foreach (var (key, setting) in overrides._values)
        {
            _values[key] = setting;
        }
    }
}
