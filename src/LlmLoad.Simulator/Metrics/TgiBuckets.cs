namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// TGI's bounds for every histogram whose name ends in "duration": 35 steps of a geometric series from 0.0001 s × 1.5
/// (router/src/server.rs, where the PrometheusBuilder is set up). Computed as TGI computes them, so the le labels
/// print as TGI's do (0.00015000000000000001 and so on).
/// </summary>
internal static class TgiBuckets
{
    public static IReadOnlyList<double> Duration { get; } = Geometric();

    private static double[] Geometric()
    {
        var bounds = new double[35];
        var value = 0.0001;
        for (var i = 0; i < bounds.Length; i++)
        {
            value *= 1.5;
            bounds[i] = value;
        }

        return bounds;
    }
}
