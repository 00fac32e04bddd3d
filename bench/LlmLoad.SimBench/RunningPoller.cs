namespace LlmLoad.SimBench;

/// <summary>Scrapes the simulator once a second for the largest <c>vllm:num_requests_running</c> it reports: the server's own count of open streams.</summary>
internal sealed class RunningPoller(HttpClient client, Uri metrics)
{
    public double Peak { get; private set; }

    public int Failures { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    var scrape = await SimulatorScrape.FetchAsync(client, metrics, stop);
                    Peak = Math.Max(Peak, scrape.Running);
                }
                catch (Exception ex) when (ex is HttpRequestException or InvalidDataException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    Failures++;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
