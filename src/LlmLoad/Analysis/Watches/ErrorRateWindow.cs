namespace LlmLoad.Analysis.Watches;

/// <summary>
/// Completions over the last <c>window</c> of run time and how many failed, in memory bounded by the
/// completions within one window: a queue evicted as time moves on.
/// </summary>
internal sealed class ErrorRateWindow(TimeSpan window)
{
    private readonly Queue<(double CompletedMs, bool Failed)> _completions = new();
    private readonly double _windowMs = window.TotalMilliseconds;
    private double _nowMs = double.NegativeInfinity;

    public int Count => _completions.Count;

    public int Failed { get; private set; }

    public double ErrorRate => Count == 0 ? 0 : (double)Failed / Count;

    /// <summary>Adds one completion and evicts those that fell out of the window ending at the latest completion seen.</summary>
    /// <remarks>Records reach the recorder nearly, not exactly, in completion order; "now" only moves forward, so one that
    /// arrives a little late is still counted for as long as it is within the window.</remarks>
    public void Add(double completedMs, bool failed)
    {
        _nowMs = Math.Max(_nowMs, completedMs);
        _completions.Enqueue((completedMs, failed));
        if (failed)
        {
            Failed++;
        }

        while (_completions.TryPeek(out var oldest) && oldest.CompletedMs <= _nowMs - _windowMs)
        {
            _completions.Dequeue();
            if (oldest.Failed)
            {
                Failed--;
            }
        }
    }
}
