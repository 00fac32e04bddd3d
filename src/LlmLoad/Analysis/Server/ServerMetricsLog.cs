using System.Text.Json;

namespace LlmLoad.Analysis.Server;

/// <summary>
/// server-metrics.jsonl: every scrape as it came, one JSON line each (<c>t_ms</c>, <c>url</c>, and <c>samples</c> or
/// <c>error</c>), so series llmload does not map are kept raw. Several endpoints' loops write to it, hence the lock.
/// </summary>
internal sealed class ServerMetricsLog : IDisposable
{
    public const string FileName = "server-metrics.jsonl";

    private readonly Lock _lock = new();
    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;

    public ServerMetricsLog(string outDir)
    {
        _file = new FileStream(Path.Combine(outDir, FileName), FileMode.Create, FileAccess.Write, FileShare.Read);
        _json = new Utf8JsonWriter(_file);
    }

    public void Scraped(double atMs, Uri url, IReadOnlyList<MetricFamily> families)
    {
        lock (_lock)
        {
            Start(atMs, url);
            _json.WriteStartArray("samples");
            foreach (var family in families)
            {
                foreach (var sample in family.Samples)
                {
                    _json.WriteStartObject();
                    _json.WriteString("name", sample.Name);
                    _json.WriteString("type", family.Type);
                    _json.WriteStartObject("labels");
                    foreach (var (name, value) in sample.Labels)
                    {
                        _json.WriteString(name, value);
                    }

                    _json.WriteEndObject();
                    WriteValue(sample.Value);
                    if (sample.TimestampMs is { } timestamp)
                    {
                        _json.WriteNumber("timestamp_ms", timestamp);
                    }

                    _json.WriteEndObject();
                }
            }

            _json.WriteEndArray();
            End();
        }
    }

    public void Failed(double atMs, Uri url, string reason)
    {
        lock (_lock)
        {
            Start(atMs, url);
            _json.WriteString("error", reason);
            End();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _json.Dispose();
            _file.Dispose();
        }
    }

    private void Start(double atMs, Uri url)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteNumber("t_ms", Math.Round(atMs, 3));
        _json.WriteString("url", url.ToString());
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        _file.Write("\n"u8);
        _file.Flush();
    }

    // JSON has no NaN or infinity: they are written as the exposition spells them, as strings.
    private void WriteValue(double value)
    {
        if (double.IsFinite(value))
        {
            _json.WriteNumber("value", value);
        }
        else
        {
            _json.WriteString("value", double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf");
        }
    }
}
