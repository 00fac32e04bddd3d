using LlmLoad.Pricing;
using LlmLoad.Workload;

namespace LlmLoad.Cost;

/// <summary>
/// The hard budget cap (<c>--budget-usd</c>). Before a request is sent its worst case (<see cref="WorstCase"/>) is reserved;
/// when it ends the reservation is replaced by what it cost. A request whose reservation would take spent + reserved above
/// the cap is refused, and from then on every request is: the run stops sending and lets the requests in flight finish.
/// So spent + reserved never exceeds the cap, and what the run spends is at most the cap as long as no request costs
/// more than its reservation (<see cref="Overruns"/> counts those that did). Thread-safe.
/// </summary>
internal sealed class BudgetGuard(decimal capUsd, ModelPrice price)
{
    private readonly Lock _gate = new();
    private decimal _spent;
    private decimal _reserved;
    private decimal _refusedWorstCase;
    private bool _exhausted;
    private long _overruns;

    public decimal CapUsd => capUsd;

    /// <summary>The guard of <paramref name="cost"/>'s cap, or null when no cap is set (or nothing is priced).</summary>
    public static BudgetGuard? For(CostSettings cost)
        => cost.BudgetUsd is { } cap && cost.Price is { } price ? new BudgetGuard(cap, price) : null;

    public ModelPrice Price => price;

    /// <summary>What the ended requests cost.</summary>
    public decimal SpentUsd
    {
        get
        {
            lock (_gate)
            {
                return _spent;
            }
        }
    }

    /// <summary>The worst cases of the requests in flight.</summary>
    public decimal ReservedUsd
    {
        get
        {
            lock (_gate)
            {
                return _reserved;
            }
        }
    }

    /// <summary>True once a request was refused: nothing more is sent.</summary>
    public bool Exhausted
    {
        get
        {
            lock (_gate)
            {
                return _exhausted;
            }
        }
    }

    /// <summary>The worst case of the request that was refused, 0 while none was.</summary>
    public decimal RefusedWorstCaseUsd
    {
        get
        {
            lock (_gate)
            {
                return _refusedWorstCase;
            }
        }
    }

    /// <summary>Requests that cost more than their reservation (the server counted the prompt beyond the margin).</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Reserves <paramref name="plan"/>'s worst case, or refuses it (and every request after it) when it could cross the cap.</summary>
    public bool TryReserve(PromptPlan plan) => TryReserve(WorstCase.Usd(price, plan));

    /// <summary>The request of <paramref name="plan"/> ended having cost <paramref name="actualUsd"/>: its reservation is released.</summary>
    public void Settle(PromptPlan plan, decimal actualUsd) => Settle(WorstCase.Usd(price, plan), actualUsd);

    public bool TryReserve(decimal worstCaseUsd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worstCaseUsd);
        lock (_gate)
        {
            if (_exhausted)
            {
                return false;
            }

            if (_spent + _reserved + worstCaseUsd > capUsd)
            {
                _exhausted = true;
                _refusedWorstCase = worstCaseUsd;
                return false;
            }

            _reserved += worstCaseUsd;
            return true;
        }
    }

    public void Settle(decimal reservedUsd, decimal actualUsd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(actualUsd);
        if (actualUsd > reservedUsd)
        {
            Interlocked.Increment(ref _overruns);
        }

        lock (_gate)
        {
            _reserved -= reservedUsd;
            _spent += actualUsd;
        }
    }
}
