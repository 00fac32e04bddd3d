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
}

public static class ErrorClassNames
{
    public static IReadOnlyList<ErrorClass> All { get; } = Enum.GetValues<ErrorClass>();

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
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}
