namespace LlmLoad.Shared;

/// <summary>The settings of a run by key (the option name without dashes); later sources override earlier ones.</summary>
internal sealed class ScenarioSettings
{
    private readonly Dictionary<string, List<Setting>> _values = new(StringComparer.Ordinal);

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
