using System.Text.Json;

namespace LlmLoad.LoadBench;

/// <summary>The fields of one requests.jsonl line the bench needs.</summary>
internal readonly record struct ClientRequest(string? ResponseId, bool Warmup, bool Succeeded, double SentMs, double? TtftMs, double? E2eMs, int Chunks, double ScheduleLagMs)
{
    /// <summary>When the response ended, ms since the run's start; null when it never did.</summary>
    public double? EndMs => E2eMs is { } e2e ? SentMs + e2e : null;
}

internal static class ClientRequests
{
    public static List<ClientRequest> Load(string path)
    {
        var requests = new List<ClientRequest>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            requests.Add(new ClientRequest(
                root.GetProperty("response_id").GetString(),
                root.GetProperty("warmup").GetBoolean(),
                root.GetProperty("error_class").ValueKind == JsonValueKind.Null,
                root.GetProperty("sent_ms").GetDouble(),
                NumberOrNull(root, "ttft_ms"),
                NumberOrNull(root, "e2e_ms"),
                root.GetProperty("chunks").GetInt32(),
                root.GetProperty("schedule_lag_ms").GetDouble()));
        }

        return requests;
    }

    private static double? NumberOrNull(JsonElement root, string name)
        => root.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;
}
