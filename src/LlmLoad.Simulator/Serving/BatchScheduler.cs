using System.Diagnostics;
using LlmLoad.Simulator.Metrics;

namespace LlmLoad.Simulator.Serving;

/// <summary>
/// Batch slots and KV cache shared by every request of one server, with a strict FIFO queue in front:
/// a request that does not fit waits, and the ones behind it wait too (first come, first served, as
/// vLLM schedules), so queue wait shows up in time to first token exactly when load passes capacity.
/// </summary>
internal sealed class BatchScheduler(ServingCapacity capacity)
{
    private readonly object _gate = new();
    private readonly Queue<BatchSeat> _queue = new();
    private int _running;
    private int _waiting;
    private long _kvReserved;

    /// <summary>Sequences admitted and not yet finished: the batch size decode speed depends on.</summary>
    public int Running => Volatile.Read(ref _running);

    public ServingCapacity Capacity => capacity;

    public ServingSnapshot Snapshot()
    {
        lock (_gate)
        {
            var usage = capacity.KvCacheTokens is { } total && total > 0 ? (double)_kvReserved / total : 0;
            return new ServingSnapshot(_running, _waiting, usage, _kvReserved, capacity.KvCacheTokens);
        }
    }

    /// <summary>Whether a request of this many prompt + output tokens could ever be admitted.</summary>
    public bool CanEverFit(long kvTokens) => capacity.KvCacheTokens is not { } total || kvTokens <= total;

    /// <summary>
    /// Takes a seat at once when one is free and nobody is queued, else joins the queue; null when the
    /// queue is full. The caller must dispose the seat when the request ends, however it ends.
    /// </summary>
    public BatchSeat? TryJoin(long kvTokens)
    {
        lock (_gate)
        {
            var seat = new BatchSeat(this, kvTokens);
            if (_queue.Count == 0 && Fits(kvTokens))
            {
                Admit(seat);
                return seat;
            }

            if (capacity.MaxQueue is { } maxQueue && _waiting >= maxQueue)
            {
                return null;
            }

            _queue.Enqueue(seat);
            _waiting++;
            return seat;
        }
    }

    /// <summary>A queued seat whose client left: it stops counting as waiting and is skipped when it reaches the head.</summary>
    internal bool TryAbandon(BatchSeat seat)
    {
        lock (_gate)
        {
            if (seat.AdmittedAt != 0 || seat.Abandoned)
            {
                return false;
            }

            seat.Abandoned = true;
            _waiting--;
            AdmitFromHead();
            return true;
        }
    }

    internal void Release(BatchSeat seat)
    {
        lock (_gate)
        {
            _running--;
            _kvReserved -= seat.KvTokens;
            AdmitFromHead();
        }
    }

    private bool Fits(long kvTokens)
        => (capacity.MaxBatch is not { } maxBatch || _running < maxBatch)
           && (capacity.KvCacheTokens is not { } total || _kvReserved + kvTokens <= total);

    private void AdmitFromHead()
    {
        while (_queue.TryPeek(out var head))
        {
            if (head.Abandoned)
            {
                _queue.Dequeue();
                continue;
            }

            if (!Fits(head.KvTokens))
            {
                return;
            }

            _queue.Dequeue();
            _waiting--;
            Admit(head);
        }
    }

    private void Admit(BatchSeat seat)
    {
        _running++;
        _kvReserved += seat.KvTokens;
        seat.MarkAdmitted(Stopwatch.GetTimestamp());
    }
}
