using System.CommandLine;
using LlmLoad.Cli.Options;
using LlmLoad.Estimate;
using LlmLoad.Shared;

namespace LlmLoad.Cli;

/// <summary><c>llmload estimate [SCENARIO.yaml] [options]</c>: what a run would send and cost; sends nothing.</summary>
internal static class EstimateCommand
{
    private const string Definitions = """
        Estimate what 'llmload run' with the same scenario and options would send and cost; sends nothing (docs/cost.md).

          requests  --requests N (+ warm-up); else rate x duration, the integral of the stages' rate, or the trace's rows;
                    a closed loop without --requests has no count (it depends on the server's response time)
          tokens    requests x the mean length per request, from the lengths the run itself draws (the same seed, mix,
                    corpus, shared prefix; whole sessions with --session-turns), every response running to its max_tokens;
                    a trace's own lengths where it gives them
          cost      tokens x the price per 1M tokens (--input-price/--output-price, --pricing FILE, or --model's listed price)
          low/high  the expected totals -/+ 3 standard deviations of the total (lengths, and the count for Poisson arrivals)
        With --budget-usd, says whether the expected cost fits: 'llmload run' refuses a run that does not, unless --yes.
        """;

    public static Command Create()
    {
        var scenario = ScenarioArgument.Create();
        var command = new Command("estimate", Definitions) { scenario };
        var settings = RunSettingOptions.Add(command, "accepted as for run and ignored: an estimate checks no objective")
            .Stages("in llmload run --help")
            .Cost();
        var json = new Option<bool>("--json") { Description = $"print the estimate as JSON (schema {EstimateJson.Schema}) instead of text" };
        command.Add(json);
        command.SetAction(parse =>
        {
            var (flags, error) = settings.Read(parse);
            return error is not null ? InputErrors.Report([error]) : Estimate(parse.GetValue(scenario), flags, parse.GetValue(json));
        });
        return command;
    }

    private static int Estimate(string? scenarioPath, ScenarioSettings flags, bool json)
    {
        var errors = new List<string>();
        var options = RunSettingOptions.Build(scenarioPath, flags, errors);
        if (options is null || errors.Count > 0)
        {
            return InputErrors.Report(errors);
        }

        var estimate = RunEstimator.Estimate(options);
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            EstimateJson.Write(stdout, estimate);
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            Console.Out.Write(EstimateText.Format(estimate));
        }

        return ExitCodes.Success;
    }
}
