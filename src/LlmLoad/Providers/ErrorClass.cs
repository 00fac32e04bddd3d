namespace LlmLoad.Providers;

/// <summary>Why a request failed, in the contract's error classes.</summary>
public enum ErrorClass
{
    RateLimited,
    Overloaded,
    ServerError,
    ClientError,
    Timeout,
    Connection,
    StreamError,
    Cancelled,

    // Classes added to the v1 contract (docs/contract.md) follow; their timeseries.csv columns go at the end.

    /// <summary>The service's content filter refused the prompt or cut the answer (Azure OpenAI).</summary>
    ContentFiltered,
}

public static class ErrorClassNames
{
    public static IReadOnlyList<ErrorClass> All { get; } = Enum.GetValues<ErrorClass>();

    /// <summary>The classes the v1 contract fixes, in its order.</summary>
    public static IReadOnlyList<ErrorClass> Contract { get; } = [.. All.Where(e => e <= ErrorClass.Cancelled)];

    /// <summary>The classes added since, each a new last column wherever columns are fixed by position.</summary>
    public static IReadOnlyList<ErrorClass> Added { get; } = [.. All.Where(e => e > ErrorClass.Cancelled)];

    /// <summary>The snake_case name used in requests.jsonl and summary.json.</summary>
    public static string ToWireName(this ErrorClass error) => error switch
    {
        ErrorClass.RateLimited => "rate_limited",
        ErrorClass.Overloaded => "overloaded",
        ErrorClass.ServerError => "server_error",
        ErrorClass.ClientError => "client_error",
        ErrorClass.Timeout => "timeout",
        ErrorClass.Connection => "connection",
        ErrorClass.StreamError => "stream_error",
        ErrorClass.Cancelled => "cancelled",
        ErrorClass.ContentFiltered => "content_filtered",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
