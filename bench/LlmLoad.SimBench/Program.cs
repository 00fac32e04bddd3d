using System.Globalization;
using System.Net;
using LlmLoad.SimBench;

// Usage: see DriverOptions.Usage. Prints key=value lines (RunReport) on stdout; the first error on stderr.
// Exit code: 0 after a run (errors are figures, not failures), 2 on bad arguments or an unreachable simulator.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// As the llmload CLI does: socket reads complete on the epoll thread instead of hopping to the thread pool,
// which saves the hop's CPU on every event. Read at the first socket use, so it is set before any.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"simbench: {ex.Message}");
    Console.Error.WriteLine(DriverOptions.Usage);
    return 2;
}

// One connection per stream, never reused by two at once: HTTP/1.1 with no per-server limit.
using var streams = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = int.MaxValue,
    UseProxy = false,
    UseCookies = false,
    AutomaticDecompression = DecompressionMethods.None,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    ConnectTimeout = TimeSpan.FromSeconds(30),
})
{
    Timeout = Timeout.InfiniteTimeSpan,
};

// Scrapes on their own connection pool, so they never queue behind a stream.
using var metrics = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

try
{
    var result = await new LoadRun(options, streams, metrics).ExecuteAsync();
    foreach (var line in RunReport.Lines(result))
    {
        Console.Out.WriteLine(line);
    }

    return 0;
}
catch (Exception ex) when (ex is HttpRequestException or InvalidDataException or TaskCanceledException)
{
    Console.Error.WriteLine($"simbench: cannot read the simulator's /metrics: {ex.Message}");
    return 2;
}
