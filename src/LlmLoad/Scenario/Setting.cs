namespace LlmLoad.Scenario;

/// <summary>One raw value from the scenario file or the command line, with where it came from for error messages.</summary>
/// <param name="Label">How to point the user at it: <c>scenario.yaml:12: traffic.rate</c> or <c>--rate</c>.</param>
internal sealed record Setting(string Value, string Label);

/// <summary>The settings of a run by key (the option name without dashes); later sources override earlier ones.</summary>
internal sealed class ScenarioSettings
{
    private readonly Dictionary<string, Setting> _values = new(StringComparer.Ordinal);

    public Setting? this[string key] => _values.GetValueOrDefault(key);

    public void Set(string key, Setting setting) => _values[key] = setting;

    /// <summary>Applies <paramref name="overrides"/> on top: command-line flags over the scenario file.</summary>
    public void OverrideWith(ScenarioSettings overrides)
    {
        foreach (var (key, setting) in overrides._values)
        {
            _values[key] = setting;
        }
    }
}
