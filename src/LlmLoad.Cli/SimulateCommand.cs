using System.CommandLine;
using LlmLoad.Simulator;
using LlmLoad.Workload;

namespace LlmLoad.Cli;

/// <summary><c>llmload simulate</c>: the built-in LLM API simulator as a standalone server.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var defaults = new SimulatorOptions();
        var port = new Option<int>("--port") { Description = "TCP port; 0 picks a free one (default: 0)" };
        var host = new Option<string>("--host") { Description = "address to bind", DefaultValueFactory = _ => defaults.Host };
        var ttft = new Option<string>("--ttft-ms") { Description = "time to first token in ms, MEAN or MEAN:STDDEV", DefaultValueFactory = _ => defaults.TimeToFirstTokenMs.ToString() };
        var itl = new Option<string>("--itl-ms") { Description = "gap between tokens in ms, MEAN or MEAN:STDDEV", DefaultValueFactory = _ => defaults.InterTokenLatencyMs.ToString() };
        var maxTokens = new Option<int>("--default-max-tokens") { Description = "output length when a request sets no max tokens", DefaultValueFactory = _ => defaults.DefaultMaxTokens };
        var seed = new Option<int>("--seed") { Description = "makes timings and text reproducible (default: 0)" };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "require the key held in this environment variable (401 in the provider's envelope otherwise); the key is never printed (default: any key)" };
        var truthLog = new Option<string?>("--truth-log") { Description = "write the server's own timestamps per response to this JSONL file, to measure a client's error (default: off)" };

        var command = new Command("simulate", "Start the built-in LLM API simulator (OpenAI-compatible POST /v1/chat/completions and Anthropic POST /v1/messages, streaming and buffered). Prints 'listening on http://HOST:PORT' first, runs until Ctrl-C or SIGTERM.")
        {
            port, host, ttft, itl, maxTokens, seed, apiKeyEnv, truthLog,
        };
        command.SetAction(async parse =>
        {
            var errors = new List<string>();
            var options = defaults with
            {
                Port = parse.GetValue(port),
                Host = parse.GetValue(host)!,
                TimeToFirstTokenMs = ParseSpec("--ttft-ms", parse.GetValue(ttft)!, errors),
                InterTokenLatencyMs = ParseSpec("--itl-ms", parse.GetValue(itl)!, errors),
                DefaultMaxTokens = parse.GetValue(maxTokens),
                Seed = parse.GetValue(seed),
                TruthLogPath = parse.GetValue(truthLog),
                ApiKey = parse.GetValue(apiKeyEnv) is { } variable ? RequiredKey(variable, errors) : null,
            };
            if (options.Port is < 0 or > 65535)
            {
                errors.Add($"--port: expected 0 to 65535, got {options.Port}");
            }

            if (options.DefaultMaxTokens < 1)
            {
                errors.Add($"--default-max-tokens: expected at least 1, got {options.DefaultMaxTokens}");
            }

            if (errors.Count > 0)
            {
                errors.ForEach(e => Console.Error.WriteLine("error: " + e));
                return ExitCodes.InvalidInput;
            }

            using var stop = new StopSignal();
            SimulatorServer server;
            try
            {
                server = await SimulatorServer.StartAsync(options, stop.Token);
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal)}");
                return ExitCodes.InvalidInput;
            }

            await using var running = server;
            Console.Out.WriteLine($"listening on {server.BaseAddress.ToString().TrimEnd('/')}");
            Console.Out.Flush();
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string? RequiredKey(string variable, List<string> errors)
    {
        var key = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(key))
        {
            errors.Add($"--api-key-env: the environment variable {variable} is not set");
        }

        return key;
    }

    private static NormalSpec ParseSpec(string name, string text, List<string> errors)
    {
        if (!NormalSpec.TryParse(text, out var spec, out var error))
        {
            errors.Add($"{name}: {error}");
        }

        return spec;
    }
}
