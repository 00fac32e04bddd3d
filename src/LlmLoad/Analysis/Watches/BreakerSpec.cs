namespace LlmLoad.Analysis.Watches;

/// <summary>
/// When the breaker stops a run: the share of measured requests that failed, among those that
/// completed within the last <see cref="Window"/>, passes <see cref="Threshold"/> once at least
/// <see cref="MinRequests"/> of them completed.
/// </summary>
/// <param name="Text">The spec as the user wrote it, for messages.</param>
/// <param name="Threshold">A share from 0 to 1; the breaker trips when the error rate is strictly above it.</param>
internal sealed record BreakerSpec(string Text, double Threshold, TimeSpan Window, int MinRequests)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);
    public const int DefaultMinRequests = 20;
}
