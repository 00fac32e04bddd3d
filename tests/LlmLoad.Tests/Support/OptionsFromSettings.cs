using LlmLoad.Options;
using LlmLoad.Shared;

namespace LlmLoad.Tests.Support;

/// <summary>Builds run options the way <c>llmload run</c> does: a scenario file (if any), flags on top, then validation.</summary>
internal static class OptionsFromSettings
{
    public static RunOptions? Build(string? path, ScenarioSettings flags, out List<string> errors)
    {
        errors = [];
        return RunOptionsBuilder.FromScenario(path, flags, errors, () => DateTimeOffset.UnixEpoch);
    }
}
