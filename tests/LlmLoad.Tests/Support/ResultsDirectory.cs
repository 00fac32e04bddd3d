using System.Text.Json;

namespace LlmLoad.Tests.Support;

/// <summary>A temporary --out directory and readers for what a run wrote into it.</summary>
internal sealed class ResultsDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "llmload-test-" + Guid.NewGuid().ToString("N"));

    public string RequestsFile => System.IO.Path.Combine(Path, "requests.jsonl");

    public string SummaryFile => System.IO.Path.Combine(Path, "summary.json");

    public List<JsonElement> Requests() => File.ReadAllLines(RequestsFile).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public JsonElement Summary() => JsonDocument.Parse(File.ReadAllText(SummaryFile)).RootElement.Clone();

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
