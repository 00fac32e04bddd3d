namespace LlmLoad.Tests.Support;

/// <summary>
/// <c>llmload simulate</c> in its own process, as a real server runs: a simulator inside the test host shares its thread
/// pool with whatever earlier tests left busy, and its answers would show that rather than their configured timing.
/// </summary>
internal sealed class SimulatorProcess : IDisposable
{
    private readonly CliProcess _process;

    private SimulatorProcess(CliProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The server's root, with a trailing slash: <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    public static async Task<SimulatorProcess> StartAsync(params string[] options)
    {
        var process = CliProcess.Start(["simulate", "--port", "0", .. options]);
        var line = await process.FirstLineAsync(TimeSpan.FromSeconds(30));
        return new SimulatorProcess(process, new Uri(line["listening on ".Length..] + "/"));
    }

    public void Dispose() => _process.Dispose();
}
