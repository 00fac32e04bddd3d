using LlmLoad.Scenario;
using LlmLoad.Shared;

namespace LlmLoad.Tests.Support;

/// <summary>Builds run options the way <c>llmload run</c> does: a scenario file (if any), flags on top, then validation.</summary>
internal static class OptionsFromSettings
{
    public static RunOptions? Build(string? path, ScenarioSettings flags, out List<string> errors)
    {
        errors = [];
        var settings = path is null ? new ScenarioSettings() : ScenarioFile.Load(path, errors);
        settings.OverrideWith(flags);
        var builder = new RunOptionsBuilder(settings);
        var options = builder.Build(path, () => DateTimeOffset.UnixEpoch);
        errors.AddRange(builder.Errors);
        return options;
    }
}
