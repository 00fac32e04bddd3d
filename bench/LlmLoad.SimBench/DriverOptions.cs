using System.Globalization;

namespace LlmLoad.SimBench;

/// <summary>One run of the driver: how many streams, how long, and which part of it is measured.</summary>
internal sealed record DriverOptions
{
    public required Uri BaseUrl { get; init; }

    /// <summary>Streams held open at once; each sends its next request as soon as the last one ends.</summary>
    public int Concurrency { get; init; } = 100;

    /// <summary>Requests are sent for this long; figures are measured from <see cref="Warmup"/> to here.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Start-up (connections, JIT on both sides) left out of the rates and of the send-lag window.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Streams start spread evenly over this time instead of all at once.</summary>
    public TimeSpan Ramp { get; init; } = TimeSpan.Zero;

    /// <summary>After <see cref="Duration"/>, requests in flight may finish for this long before they are cut.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxTokens { get; init; } = 100;

    /// <summary>
    /// The simulator's fixed time to first token and inter-token latency (no jitter), so the driver can tell how
    /// late each event arrived; null (the instant profile) measures no arrival lag.
    /// </summary>
    public double? TtftMs { get; init; }

    public double? ItlMs { get; init; }

    /// <summary>The simulator's process id, to split the window's CPU between it and the driver; 0 when unknown.</summary>
    public int ServerPid { get; init; }

    public const string Usage =
        "usage: LlmLoad.SimBench --url http://127.0.0.1:PORT --concurrency N --max-tokens N --duration S [--warmup S] [--ramp S] [--grace S] [--server-pid PID] [--ttft-ms MS --itl-ms MS]";

    /// <exception cref="FormatException">An unknown option or a value that does not parse.</exception>
    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        Uri? url = null;
        var options = new DriverOptions { BaseUrl = new Uri("http://127.0.0.1/") };
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                throw new FormatException($"{args[i]} needs a value");
            }

            var value = args[i + 1];
            options = args[i] switch
            {
                "--url" => options with { BaseUrl = url = new Uri(value.TrimEnd('/') + "/") },
                "--concurrency" => options with { Concurrency = Positive(value) },
                "--max-tokens" => options with { MaxTokens = Positive(value) },
                "--duration" => options with { Duration = Seconds(value) },
                "--warmup" => options with { Warmup = Seconds(value) },
                "--ramp" => options with { Ramp = Seconds(value) },
                "--grace" => options with { Grace = Seconds(value) },
                "--server-pid" => options with { ServerPid = Positive(value) },
                "--ttft-ms" => options with { TtftMs = double.Parse(value, CultureInfo.InvariantCulture) },
                "--itl-ms" => options with { ItlMs = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new FormatException($"unknown option {args[i]}"),
            };
        }

        if (url is null)
        {
            throw new FormatException("--url is required");
        }

        if (options.TtftMs.HasValue != options.ItlMs.HasValue)
        {
            throw new FormatException("--ttft-ms and --itl-ms go together");
        }

        return options.Warmup < options.Duration ? options : throw new FormatException("--warmup must be shorter than --duration");
    }

    private static int Positive(string value)
        => int.Parse(value, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new FormatException($"{value} is not positive");

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
