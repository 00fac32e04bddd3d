using System.Text.Json;

namespace LlmLoad.LoadBench;

/// <summary>
/// The per-request JSONL of the peers (the DIY asyncio script and the Locust user under LOADBENCH_PEERS):
/// <c>{"response_id","ttft_ms","e2e_ms","status","chunks","error","start_ns","first_ns","end_ns"}</c>, the
/// *_ns on CLOCK_MONOTONIC, the simulator's clock, so the request leg needs no offset estimate.
/// </summary>
internal static class PeerRecords
{
    private const double NanosecondsPerMillisecond = 1_000_000;

    /// <summary>Read as <see cref="ClientRequest"/>s (no warm-up, no schedule), so <see cref="MeasurementError"/> joins them with the truth log as it does llmload's.</summary>
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
                root.GetProperty("response_id") is { ValueKind: JsonValueKind.String } id ? id.GetString() : null,
                Warmup: false,
                root.GetProperty("status").GetInt32() == 200 && root.GetProperty("error").ValueKind == JsonValueKind.Null,
                root.GetProperty("start_ns").GetInt64() / NanosecondsPerMillisecond,
                NumberOrNull(root, "ttft_ms"),
                NumberOrNull(root, "e2e_ms"),
                root.GetProperty("chunks").GetInt32(),
                ScheduleLagMs: 0));
        }

        return requests;
    }

    private static double? NumberOrNull(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
