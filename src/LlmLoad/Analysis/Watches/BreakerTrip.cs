namespace LlmLoad.Analysis.Watches;

/// <summary>What the window held when the breaker tripped, so that the console can say why the run stopped.</summary>
internal sealed record BreakerTrip(BreakerSpec Spec, int Failed, int Completed, double AtMs)
{
    public double ErrorRate => (double)Failed / Completed;
}
