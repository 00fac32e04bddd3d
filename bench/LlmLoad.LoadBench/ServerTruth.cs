using System.Text.Json;

namespace LlmLoad.LoadBench;

/// <summary>One truth-log line: what the simulator did, as durations from its own arrival timestamp.</summary>
internal readonly record struct ServerResponse(long ReceivedNs, long FirstContentSentNs, double TtftMs, double E2eMs, int CompletionTokens);

internal static class ServerTruth
{
    private const double NanosecondsPerMillisecond = 1_000_000;

    /// <summary>Response id → server-side TTFT and E2E. Both come from one process's monotonic clock, so no clock sync is needed.</summary>
    public static Dictionary<string, ServerResponse> Load(string path)
    {
        var responses = new Dictionary<string, ServerResponse>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var received = root.GetProperty("received_ns").GetInt64();
            var firstContent = root.GetProperty("first_content_sent_ns").GetInt64();
            responses[root.GetProperty("id").GetString()!] = new ServerResponse(
                received,
                firstContent,
                (firstContent - received) / NanosecondsPerMillisecond,
                (root.GetProperty("last_byte_sent_ns").GetInt64() - received) / NanosecondsPerMillisecond,
                root.GetProperty("completion_tokens").GetInt32());
        }

        return responses;
    }
}
