using System.Globalization;

namespace LlmLoad.FindLimit;

/// <summary>What find-limit raises step by step: arrivals per second (open loop) or requests in flight (closed loop).</summary>
internal enum LoadAxis
{
    Rate,
    Concurrency,
}

internal static class LoadAxisNames
{
    public static string ToWireName(this LoadAxis axis) => axis == LoadAxis.Rate ? "rate" : "concurrency";

    /// <summary>A load as people read it: <c>12.5 req/s</c>, <c>64 concurrent</c>.</summary>
    public static string Format(this LoadAxis axis, double load) => axis == LoadAxis.Rate
        ? string.Create(CultureInfo.InvariantCulture, $"{load:0.###} req/s")
        : string.Create(CultureInfo.InvariantCulture, $"{load:0} concurrent");

    /// <summary>The step's directory name under steps/: <c>03-4rps</c>, <c>03-32c</c>.</summary>
    public static string StepDirectory(this LoadAxis axis, int index, double load)
        => string.Create(CultureInfo.InvariantCulture, $"{index:00}-{load:0.###}{(axis == LoadAxis.Rate ? "rps" : "c")}");
}
