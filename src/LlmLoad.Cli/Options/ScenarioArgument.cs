using System.CommandLine;

namespace LlmLoad.Cli.Options;

/// <summary>The optional scenario file of run, estimate and find-limit.</summary>
internal static class ScenarioArgument
{
    public static Argument<string?> Create()
    {
        var scenario = new Argument<string?>("SCENARIO") { Description = "scenario YAML file (see examples/); flags override it", Arity = ArgumentArity.ZeroOrOne };
        scenario.Validators.Add(result =>
        {
            // Without this an unknown option such as --rps would be taken for the scenario file name.
            if (result.GetValueOrDefault<string?>() is { } value && value.StartsWith('-'))
            {
                result.AddError($"unknown option '{value}'");
            }
        });
        return scenario;
    }
}
