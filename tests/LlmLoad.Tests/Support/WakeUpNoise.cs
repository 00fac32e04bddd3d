using System.Diagnostics;

namespace LlmLoad.Tests.Support;

/// <summary>
/// How late a thread that asked to wake up gets a core, measured while a timing test runs: a thread sleeps 1 ms
/// over and over and records how much later than that it ran. On a quiet machine that is tens of microseconds;
/// beside a build on 2 cores, milliseconds, and every process's reads wait as long. A timing bound adds it
/// instead of assuming a quiet machine.
/// </summary>
public sealed class WakeUpNoise : IDisposable
{
    private static readonly TimeSpan Nap = TimeSpan.FromMilliseconds(1);
    private readonly List<double> _latenessMs = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    private WakeUpNoise()
    {
        _thread = new Thread(Sample) { IsBackground = true, Name = "wake-up noise" };
        _thread.Start();
    }

    public static WakeUpNoise Start() => new();

    /// <summary>Stops sampling; the median lateness in milliseconds (0 if nothing was sampled).</summary>
    public double StopMedianMs()
    {
        _stop = true;
        _thread.Join();
        if (_latenessMs.Count == 0)
        {
            return 0;
        }

        _latenessMs.Sort();
        return _latenessMs[_latenessMs.Count / 2];
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Sample()
    {
        // Bounded: 20,000 naps are at least 20 s, more than any test that uses this runs.
        for (var i = 0; i < 20_000 && !_stop; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Thread.Sleep(Nap);
            _latenessMs.Add(Math.Max(0, (Stopwatch.GetElapsedTime(start) - Nap).TotalMilliseconds));
        }
    }
}
