namespace LlmLoad.Analysis;

/// <summary>One closed window with its bounds in seconds since run start and the requests in flight at its end.</summary>
internal sealed record TimeSeriesRow(TimeWindow Window, double StartSeconds, double EndSeconds, long InFlight);
