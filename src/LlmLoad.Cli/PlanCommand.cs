using System.CommandLine;
using LlmLoad.Cli.Options;
using LlmLoad.Planning;

namespace LlmLoad.Cli;

/// <summary><c>llmload plan [options]</c>: capacity and cost planning as a calculator, or from a measured run with <c>--from DIR</c>; sends nothing.</summary>
internal static class PlanCommand
{
    private const string Definitions = """
        Plan capacity and cost from a few figures; sends nothing. docs/planning.md explains each step.

          concurrency      = rate x response time (Little's law): 50 req/s x 5 s = 250 requests in flight
          requests/min     = rate x 60
          tokens/min       = rate x 60 x (input + output tokens): 20 req/s x 60 x 2,300 = 2,760,000
          with headroom    = every figure x (1 + headroom); with growth too: x growth on top
          tier             = the smallest tier of the model's rate-limit table whose every limit covers the need
          cost             = tokens x price per 1M tokens: 10,000 x (2,000 x $3 + 1,000 x $15) / 1M = $210
          cost per month   = cost per hour at peak x 730 h (an upper bound: the peak held all month)

        From a measured run (--from DIR, the --out of llmload run or llmload find-limit): the tokens per request
        and the mean and P95 response time come from its summary.json (for find-limit, the knee step's), the
        peak from --target-rate/--target-rpm (default: the run's throughput), and with find-limit.json
        replicas = ceil(rate / one replica's knee rate): knee 40 req/s, 100 req/s + 30% -> ceil(130 / 40) = 4.
        """;

    /// <summary>Option name (also the key <see cref="PlanInputsBuilder"/> reads) → description with its default.</summary>
    private static readonly (string Name, string Description)[] ValueOptions =
    [
        ("from", "plan from a measured run: the results directory of llmload run (summary.json) or llmload find-limit (find-limit.json); replaces --rate, --input-tokens, --output-tokens and the response times (default: none, the calculator)"),
        ("target-rate", "with --from: peak requests per second to plan for, e.g. 100 (default: the run's achieved throughput)"),
        ("target-rpm", "with --from: peak requests per minute to plan for instead, e.g. 6000 (default: none)"),
        ("rate", "peak requests per second to plan for, e.g. 20 (required unless --requests or --from)"),
        ("input-tokens", "average input (prompt) tokens per request, e.g. 1500 (required unless --from)"),
        ("output-tokens", "average output tokens per request, e.g. 800 (required unless --from)"),
        ("mean-response-time", "mean end-to-end response time: seconds (5, 0.8) or a duration (5s, 800ms); gives concurrency (default: none)"),
        ("p95-response-time", "P95 response time instead of the mean: sizes concurrency for the slow tail (default: none)"),
        ("requests", "also price this many requests, e.g. a test run of 10000 (default: none)"),
        ("model", "model, for its price and rate-limit tier, e.g. gpt-4o; a dated snapshot (gpt-4o-2024-08-06) counts as its base model (default: none; with --from, the run's run.target.model)"),
        ("input-price", "USD per 1M input tokens, instead of the model's listed price; needs --output-price (default: the model's)"),
        ("output-price", "USD per 1M output tokens, instead of the model's listed price; needs --input-price (default: the model's)"),
        ("headroom", $"spare capacity over the peak, e.g. 30% or 0.3 (default: {PlanNumbers.Percent(PlanInputs.DefaultHeadroom)})"),
        ("scale-up-time", "how long a new replica takes to serve, e.g. 5m; with --ramp, checks that the headroom covers the load arriving meanwhile (default: none)"),
        ("ramp", "how fast the load rises at the busiest time, in req/s per minute, e.g. 5; with --scale-up-time (default: none)"),
        ("growth", $"growth of the peak over the planning horizon, e.g. 2 or 3x (default: {PlanInputs.DefaultGrowth}, doubling over about 6 months)"),
        ("pricing", "YAML pricing file overriding or extending the built-in prices (default: built-in only)"),
        ("tiers", "YAML tiers file overriding or extending the built-in rate-limit tier tables (default: built-in only)"),
    ];

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = $"print the plan as JSON (schema {PlanJson.Schema}) instead of text" };
        var command = new Command("plan", Definitions) { json };
        var settings = new SettingOptions(command).Values(ValueOptions);
        command.SetAction(parse =>
        {
            var flags = settings.Read(parse).Flags;
            return Plan(flags.Keys.ToDictionary(key => key, key => flags[key]!.Value, StringComparer.Ordinal), parse.GetValue(json));
        });
        return command;
    }

    private static int Plan(Dictionary<string, string> values, bool json)
    {
        var builder = new PlanInputsBuilder(values);
        if (builder.Build() is not { } inputs)
        {
            return InputErrors.Report(builder.Errors, "plan", consequence: "");
        }

        var plan = CapacityPlanner.Plan(inputs);
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            PlanJson.Write(stdout, plan);
            stdout.WriteByte((byte)'\n');
        }
        else
        {
            Console.Out.Write(PlanText.Format(plan));
        }

        return ExitCodes.Success;
    }
}
