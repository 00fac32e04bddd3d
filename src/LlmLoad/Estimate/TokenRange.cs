namespace LlmLoad.Estimate;

/// <summary>A figure of an estimate as low / expected / high.</summary>
internal readonly record struct EstimateRange(decimal Low, decimal Expected, decimal High)
{
    public static EstimateRange Fixed(decimal value) => new(value, value, value);
}
