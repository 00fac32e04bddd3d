namespace LlmLoad.Traffic;

/// <summary>Where an open loop's arrivals come from: a rate (constant or staged) or a replayed trace.</summary>
internal interface IArrivals
{
    /// <summary>The next arrival, in time order, or null when there are no more.</summary>
    Arrival? Next();
}
