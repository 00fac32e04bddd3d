using Microsoft.Extensions.Hosting;

namespace LlmLoad.Simulator.Hosting;

/// <summary>
/// Replaces the console lifetime, which would stop the server on Ctrl-C/SIGTERM by itself. The
/// simulator is often embedded in a load-test run, and that run decides when it stops: after it
/// has written its results, by disposing the <see cref="SimulatorServer"/>.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
