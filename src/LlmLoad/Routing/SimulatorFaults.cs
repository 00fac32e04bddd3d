using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace LlmLoad.Routing;

/// <summary>
/// Makes a drilled outage on a simulator target (embedded, or <c>llmload simulate</c> on loopback) through its
/// <c>/admin/faults</c>: one rule that answers every request in the window as the outage's kind says. The rule's window
/// counts from the server's start, so it is placed by the uptime the server reports now.
/// </summary>
internal static class SimulatorFaults
{
    public const string Path = "/admin/faults";

    /// <summary>True when <paramref name="baseUrl"/> is a loopback server that answers <c>GET /admin/faults</c> as the simulator does.</summary>
    public static async Task<bool> IsSimulatorAsync(HttpClient http, Uri baseUrl)
    {
        if (!baseUrl.IsLoopback)
        {
            return false;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var response = await http.GetAsync(new Uri(baseUrl, Path), timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
            return state.RootElement.TryGetProperty("uptime_s", out _);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            return false;
        }
    }

    /// <param name="runTime">How far into the run it is now: the rule's window is the outage's, moved onto the server's clock.</param>
    public static async Task AddAsync(HttpClient http, Uri baseUrl, OutageSpec outage, TimeSpan runTime, TimeSpan requestTimeout)
    {
        var url = new Uri(baseUrl, Path);
        using var state = JsonDocument.Parse(await http.GetStringAsync(url).ConfigureAwait(false));
        var uptime = TimeSpan.FromSeconds(state.RootElement.GetProperty("uptime_s").GetDouble());
        var from = uptime + (outage.At - runTime);
        var rule = new Dictionary<string, object>
        {
            ["kind"] = outage.Kind switch
            {
                OutageKind.Status503 => "503",
                OutageKind.Status429 => "429",
                OutageKind.Reset => "reset",
                // Headers held back past the client's timeout: a server that accepts the request and never answers.
                _ => "slow_headers",
            },
            ["from"] = Ms(from < TimeSpan.Zero ? TimeSpan.Zero : from),
            ["until"] = Ms(from + outage.For),
        };
        if (outage.Kind == OutageKind.Timeout)
        {
            rule["for"] = Ms(requestTimeout + TimeSpan.FromSeconds(1));
        }

        using var response = await http.PostAsJsonAsync(url, rule).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the simulator at {baseUrl} refused the outage {outage.Target}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }

    private static string Ms(TimeSpan duration) => string.Create(CultureInfo.InvariantCulture, $"{Math.Round(duration.TotalMilliseconds)}ms");
}
