using LlmLoad.Providers;

namespace LlmLoad.Routing;

/// <summary>
/// A run of several targets: the targets, which failures move a request from one to another, the breaker each target
/// has, and the outages to drill. Null in a run of one target.
/// </summary>
internal sealed record RoutingSettings(IReadOnlyList<TargetSpec> Targets)
{
    /// <summary>What moves a request to a fallback by default: every failure that another server might not have.</summary>
    public static IReadOnlySet<ErrorClass> DefaultFailoverOn { get; } = new HashSet<ErrorClass>
    {
        ErrorClass.RateLimited, ErrorClass.Overloaded, ErrorClass.ServerError, ErrorClass.Timeout, ErrorClass.Connection, ErrorClass.StreamError,
    };

    /// <summary>The error classes that move a request to a fallback (<c>--failover-on</c>); empty turns failover off.</summary>
    public IReadOnlySet<ErrorClass> FailoverOn { get; init; } = DefaultFailoverOn;

    public TargetBreakerSettings Breaker { get; init; } = TargetBreakerSettings.Default;

    public IReadOnlyList<OutageSpec> Outages { get; init; } = [];

    public static IReadOnlySet<ErrorClass> ParseFailoverOn(string value)
    {
        if (value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return new HashSet<ErrorClass>();
        }

        var classes = new HashSet<ErrorClass>();
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            classes.Add(ErrorClassNames.All.FirstOrDefault(e => e.ToWireName() == name) is var match && match.ToWireName() == name && match != ErrorClass.Cancelled
                ? match
                : throw new FormatException($"'{name}': expected 'none' or error classes among {string.Join(", ", DefaultFailoverOn.Select(e => e.ToWireName()))}, content_filtered, client_error"));
        }

        return classes;
    }
}
