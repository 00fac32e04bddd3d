namespace LlmLoad.Reporting.Html;

/// <summary>
/// A histogram in logarithmic bins (<see cref="PerDecade"/> to a factor of ten), which keeps a latency
/// distribution from 0.01 ms to hours in a few hundred numbers whatever the number of requests.
/// </summary>
internal sealed class LogBins
{
    public const int PerDecade = 20;

    /// <summary>Values below this (a schedule lag of 0) count in the lowest bin: a log axis has no zero.</summary>
    public const double Floor = 0.01;

    private readonly Dictionary<int, long> _counts = [];

    public long Count { get; private set; }

    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        var bin = (int)Math.Floor(Math.Log10(Math.Max(value, Floor)) * PerDecade);
        _counts[bin] = _counts.GetValueOrDefault(bin) + 1;
        Count++;
    }

    /// <summary>The lower edge of each bin from the lowest to the highest one used (empty bins between them included), and its count.</summary>
    public IEnumerable<(double Lower, long Count)> Bins()
    {
        if (_counts.Count == 0)
        {
            yield break;
        }

        for (var bin = _counts.Keys.Min(); bin <= _counts.Keys.Max(); bin++)
        {
            yield return (Math.Round(Math.Pow(10, (double)bin / PerDecade), 4), _counts.GetValueOrDefault(bin));
        }
    }
}
