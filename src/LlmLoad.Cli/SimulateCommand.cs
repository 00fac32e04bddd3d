using System.CommandLine;
using LlmLoad.Cli.Options;
using LlmLoad.Shared;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Metrics;
using LlmLoad.Simulator.Profiles;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator;

namespace LlmLoad.Cli;

/// <summary><c>llmload simulate</c>: the built-in LLM API simulator as a standalone server.</summary>
internal static class SimulateCommand
{
    private static readonly SimulatorOptions Defaults = new();

    /// <summary>Options that shape the server's behaviour: each can also come from a profile (preset or YAML file).</summary>
    private static readonly (string Name, string Description)[] ProfileOptions =
    [
        ("ttft-ms", $"fixed time to first token in ms after admission, MEAN or MEAN:STDDEV; queue wait and prefill come on top (default: {Defaults.TimeToFirstTokenMs})"),
        ("itl-ms", $"gap between tokens in ms with one sequence in the batch, MEAN or MEAN:STDDEV (default: {Defaults.InterTokenLatencyMs})"),
        ("itl-ms-at-max-batch", "mean gap between tokens when the batch is full; linear in between (needs --max-batch) (default: flat)"),
        ("prefill-tokens-per-s", "prompt tokens processed per second; adds prompt/speed to time to first token (default: instant)"),
        ("default-max-tokens", $"output length when a request sets no max tokens (default: {Defaults.DefaultMaxTokens})"),
        ("max-batch", "most sequences decoded at once; more wait in a FIFO queue (default: unlimited)"),
        ("kv-cache-tokens", "KV cache in tokens; each request holds prompt + max output tokens while it runs (default: unlimited)"),
        ("max-queue", "most requests waiting for the batch; past it they are refused (default: unlimited)"),
        ("queue-full-status", $"what a full queue answers: {string.Join(", ", ServingCapacity.QueueFullStatuses.SkipLast(1))} or {ServingCapacity.QueueFullStatuses[^1]} (default: {Defaults.Capacity.QueueFullStatus})"),
        ("prefix-cache-tokens", "prompt prefix cache in tokens, LRU; leading messages seen before skip prefill and are reported as cached; 0 is off (default: 0)"),
        ("prefix-cache-min-tokens", "shortest prompt the prefix cache stores and shortest hit it reports, e.g. OpenAI's 1024 (default: 0)"),
        ("prefix-cache-block-tokens", $"cached tokens are counted in whole blocks of this size, e.g. vLLM's 16, OpenAI's 128 (default: {Defaults.Capacity.PrefixCacheBlockTokens})"),
        ("reasoning-tokens", "reasoning tokens a simulated reasoning model generates before each answer, paced like output and counted in it; shown per API as docs/simulator.md says (default: 0, no reasoning)"),
        ("reasoning-chat-field", $"the chat completions delta field of reasoning text: {string.Join(", ", SimulatedReasoning.ChatFields)} (OpenAI: never streamed) (default: {Defaults.Reasoning.ChatField})"),
        ("tool-call-share", $"of the requests that offer tools and leave the choice to the model, the share answered with a call of the first tool; required calls always are (default: {Defaults.ToolCallShare})"),
        ("simulated-gpu", "true adds SIMULATED DCGM-exporter-like GPU series to /metrics (DCGM_FI_DEV_GPU_UTIL, FB_USED/FREE, POWER_USAGE, GPU_TEMP, CLOCK_THROTTLE_REASONS) that follow the batch's occupancy and KV cache use; illustrative, not a GPU model (default: false)"),
        ("metrics-flavor", $"whose names GET /metrics writes the serving state under: {string.Join(", ", MetricsFlavors.Names)} (their real names, types, labels and units; docs/simulator.md) (default: vllm)"),
        ("rpm", "requests per minute, refilled continuously; sends the providers' rate-limit headers (default: unlimited)"),
        ("tpm", "tokens per minute, OpenAI style: prompt + max output tokens per request (default: unlimited)"),
        ("input-tpm", "input tokens per minute, Anthropic style (default: unlimited)"),
        ("output-tpm", "output tokens per minute, Anthropic style, charged max_tokens at admission (default: unlimited)"),
        ("rate-limit-window", "also enforce every per-minute limit over this shorter window (limit × window / 60), as Azure does over 1s or 10s (default: the minute only)"),
        ("max-concurrent", "most requests one API key may have in flight; one more gets a 429 in the API's shape naming concurrency (default: unlimited)"),
        ("retry-after", "wait headers on rate-limit 429s: provider (each API's own), seconds (retry-after only), ms (retry-after-ms only) or none (default: provider)"),
    ];

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port; 0 picks a free one (default: 0)" };
        var host = new Option<string>("--host") { Description = "address to bind", DefaultValueFactory = _ => Defaults.Host };
        var profile = new Option<string?>("--profile") { Description = $"server profile: a preset ({string.Join(", ", ProfileFile.PresetNames)}) or a YAML file; flags override it (default: none)" };
        var showProfile = new Option<string?>("--show-profile") { Description = "print a preset's YAML, with where its figures come from, and exit" };
        var seed = new Option<int>("--seed") { Description = "makes timings and text reproducible (default: 0)" };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "require the key held in this environment variable (401 in the provider's envelope otherwise); the key is never printed (default: any key)" };
        var truthLog = new Option<string?>("--truth-log") { Description = "write the server's own timestamps per response to this JSONL file, to measure a client's error (default: off)" };
        var tls = new Option<bool>("--tls") { Description = "serve HTTPS with a fresh self-signed certificate for 127.0.0.1, ::1 and localhost, HTTP/1.1 and HTTP/2 by ALPN; clients need llmload run --insecure (default: cleartext)" };
        var http2 = new Option<bool>("--http2") { Description = "cleartext HTTP/2 only, with prior knowledge (h2c), for llmload run --http2 against an http:// URL; HTTP/1.1 clients are refused (default: HTTP/1.1)" };
        var command = new Command("simulate", "Start the built-in LLM API simulator (OpenAI-compatible POST /v1/chat/completions, POST /v1/responses legacy POST /v1/completions and POST /v1/embeddings, Azure OpenAI POST /openai/deployments/{deployment}/chat/completions?api-version=... and POST /openai/v1/chat/completions, Anthropic POST /v1/messages, streaming and buffered; Prometheus GET /metrics with vLLM's names, or SGLang's, TGI's or llama.cpp's with --metrics-flavor; fault control on /admin/faults from loopback). Prints 'listening on http://HOST:PORT' first, runs until Ctrl-C or SIGTERM.")
        {
            port, host, profile, showProfile,
        };
        var settings = new SettingOptions(command)
            .List("fault", $"inject a fault, {FaultRuleText.Form}; KIND is one of {FaultKinds.Names}; times are since start; repeatable; more can be set at run time on /admin/faults (default: none)");
        command.Add(seed);
        command.Add(apiKeyEnv);
        command.Add(truthLog);
        command.Add(tls);
        command.Add(http2);
        settings.Values(ProfileOptions);

        command.SetAction(async parse =>
        {
            if (parse.GetValue(showProfile) is { } shown)
            {
                return ShowProfile(shown);
            }

            var errors = new List<string>();
            var profileSettings = parse.GetValue(profile) is { } nameOrPath ? ProfileFile.Load(nameOrPath, "--profile", errors) : new ScenarioSettings();
            profileSettings.OverrideWith(settings.Read(parse).Flags);
            var builder = new SimulatorOptionsBuilder(profileSettings);
            var options = builder.Build(Defaults with
            {
                Port = parse.GetValue(port),
                Host = parse.GetValue(host)!,
                Seed = parse.GetValue(seed),
                TruthLogPath = parse.GetValue(truthLog),
                TlsCertificate = parse.GetValue(tls) ? SelfSignedCertificate.ForLoopback() : null,
                Http2Only = parse.GetValue(http2),
                ApiKey = parse.GetValue(apiKeyEnv) is { } variable ? RequiredKey(variable, errors) : null,
            });
            errors.AddRange(builder.Errors);
            if (options.Port is < 0 or > 65535)
            {
                errors.Add($"--port: expected 0 to 65535, got {options.Port}");
            }

            if (options.TlsCertificate is not null && options.Http2Only)
            {
                errors.Add("--http2: applies to cleartext; with --tls, HTTP/2 is already offered by ALPN");
            }

            if (errors.Count > 0)
            {
                return InputErrors.Report(errors, "simulate", consequence: "");
            }

            return await ServeAsync(options);
        });
        return command;
    }

    private static async Task<int> ServeAsync(SimulatorOptions options)
    {
        using var stop = new StopSignal();
        SimulatorServer server;
        try
        {
            server = await SimulatorServer.StartAsync(options, stop.Token);
        }
        catch (ArgumentException ex)
        {
            return InputErrors.Report([ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal)], "simulate", consequence: "");
        }

        await using var running = server;
        Console.Out.WriteLine($"listening on {server.BaseAddress.ToString().TrimEnd('/')}");
        Console.Out.Flush();
        await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        return ExitCodes.Success;
    }

    private static int ShowProfile(string name)
    {
        if (!ProfileFile.PresetNames.Contains(name))
        {
            return InputErrors.Report([$"--show-profile: unknown preset '{name}'; expected one of {string.Join(", ", ProfileFile.PresetNames)}"], "simulate", consequence: "");
        }

        Console.Out.Write(ProfileFile.PresetText(name));
        return ExitCodes.Success;
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
}
