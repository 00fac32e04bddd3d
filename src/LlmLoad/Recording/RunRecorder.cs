using System.Threading.Channels;
using LlmLoad.Engine;
using LlmLoad.Pricing;
using LlmLoad.Providers;
using LlmLoad.Workload;

namespace LlmLoad.Recording;

/// <summary>
/// Turns finished requests into records on one background thread and hands each to the run's sinks, in
/// completion order, so the request tasks do no tokenizing, histogram or file work.
/// </summary>
/// <param name="sinks">Every consumer of the run's records, built once per run; called in this order.</param>
/// <param name="price">Prices each record; null for an unpriced run.</param>
internal sealed class RunRecorder : ICaptureSink
{
    /// <summary>Finished requests, and dropped arrivals (no capture) for the offered load.</summary>
    private readonly Channel<(ScheduledRequest Request, ResponseCapture? Capture)> _finished =
        Channel.CreateUnbounded<(ScheduledRequest, ResponseCapture?)>(new UnboundedChannelOptions { SingleReader = true });

    // An array: a foreach over it allocates no enumerator, and it runs twice per finished request.
    private readonly IRequestSink[] _sinks;
    private readonly TokenCounter _tokens;
    private readonly TimeProvider _time;
    private readonly long _runStartedAt;
    private readonly ModelPrice? _price;
    private readonly Task _consumer;

    public RunRecorder(IReadOnlyList<IRequestSink> sinks, TokenCounter tokens, TimeProvider time, long runStartedAt, ModelPrice? price = null)
    {
        _sinks = [.. sinks];
        _tokens = tokens;
        _time = time;
        _runStartedAt = runStartedAt;
        _price = price;
        _consumer = Task.Run(ConsumeAsync);
    }

    public void Finished(ScheduledRequest request, ResponseCapture capture) => _finished.Writer.TryWrite((request, capture));

    public void Dropped(ScheduledRequest request) => _finished.Writer.TryWrite((request, null));

    /// <summary>Records what is queued, then tells every sink that nothing more comes.</summary>
    public async Task CompleteAsync()
    {
        _finished.Writer.TryComplete();
        await _consumer.ConfigureAwait(false);
        foreach (var sink in _sinks)
        {
            sink.Complete();
        }
    }

    private async Task ConsumeAsync()
    {
        var reader = _finished.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var finished))
            {
                if (finished.Capture is null)
                {
                    var dropped = new DroppedArrival(finished.Request.Warmup, _time.GetElapsedTime(_runStartedAt, finished.Request.ScheduledAt).TotalMilliseconds, finished.Request.Stage);
                    foreach (var sink in _sinks)
                    {
                        sink.OnDropped(dropped);
                    }

                    continue;
                }

                var measurement = RequestMeasurement.From(finished.Request, finished.Capture, _runStartedAt, _time, _tokens, _price);
                foreach (var sink in _sinks)
                {
                    sink.OnRecord(measurement);
                }
            }

            foreach (var sink in _sinks)
            {
                sink.OnIdle();
            }
        }
    }
}
