namespace LlmLoad.Scenario;

/// <summary>One raw value from the scenario file or the command line, with where it came from for error messages.</summary>
/// <param name="Label">How to point the user at it: <c>scenario.yaml:12: traffic.rate</c> or <c>--rate</c>.</param>
internal sealed record Setting(string Value, string Label)
{
    /// <summary>The value as a path: one written in a scenario file is relative to that file; one given on the command line, to the current directory.</summary>
    public string PathFrom(string? scenarioPath)
        => Label.StartsWith("--", StringComparison.Ordinal) || scenarioPath is null
            ? Value
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenarioPath))!, Value);
}

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
