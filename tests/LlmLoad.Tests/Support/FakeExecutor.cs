using System.Collections.Concurrent;
using LlmLoad.Engine;
using LlmLoad.Workload;
using Microsoft.Extensions.Time.Testing;

namespace LlmLoad.Tests.Support;

/// <summary>Stands in for the HTTP executor in scheduling tests: each request "runs" for a service time on the fake clock.</summary>
internal sealed class FakeExecutor(FakeTimeProvider clock, TimeSpan serviceTime) : IRequestExecutor
{
    private int _inFlight;
    private int _maxInFlight;
    private int _cancelled;

    public ConcurrentQueue<(ScheduledRequest Request, long SentAt)> Sent { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public PreparedRequest Prepare(long seq, int? inputTokens = null, int? outputTokens = null) => new(new PromptPlan("p", inputTokens ?? 1, outputTokens ?? 1), []);

    public async Task ExecuteAsync(ScheduledRequest request, CancellationToken stopSending, CancellationToken abort)
    {
        Sent.Enqueue((request, clock.GetTimestamp()));
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            await Task.Delay(serviceTime, clock, abort);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
