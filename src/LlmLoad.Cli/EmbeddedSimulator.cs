using LlmLoad.Options;
using LlmLoad.Simulator;
using LlmLoad.Simulator.Profiles;

namespace LlmLoad.Cli;

/// <summary>The built-in simulator <c>llmload run</c> starts when it has no target: the run's seed, and the profile it names.</summary>
internal static class EmbeddedSimulator
{
    /// <summary>The server's options, or null with the profile's problems added to <paramref name="errors"/>.</summary>
    public static SimulatorOptions? Options(RunOptions run, List<string> errors)
    {
        // The run's --http2 goes to a server that speaks it: the embedded one is cleartext, so h2c.
        var options = new SimulatorOptions { Seed = run.Seed, Http2Only = run.Transport.Http2 };
        if (run.SimulatorProfile is not { } profile)
        {
            return options;
        }

        var count = errors.Count;
        var builder = new SimulatorOptionsBuilder(ProfileFile.Load(profile, "simulator", errors));
        options = builder.Build(options);
        errors.AddRange(builder.Errors);
        return errors.Count == count ? options : null;
    }
}
