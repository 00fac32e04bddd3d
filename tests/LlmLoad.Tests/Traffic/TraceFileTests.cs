using LlmLoad.Traffic;

namespace LlmLoad.Tests.Traffic;

public sealed class TraceFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmload-trace-").FullName;

    [Fact]
    public void Load_MooncakeJsonl_OffsetsFromTheFirstTimestampWithLengths()
    {
        var path = Write("t.jsonl", """
            {"timestamp": 27482, "input_length": 6955, "output_length": 52, "hash_ids": [46, 47]}

            {"timestamp": 27482, "input_tokens": 100}
            {"timestamp": 30000.5, "output_length": 7}
            """);

        var trace = Load(path);

        Assert.Equal([new TraceArrival(0, 6955, 52), new TraceArrival(0, 100, null), new TraceArrival(2.5185, null, 7)], trace);
    }

    [Fact]
    public void Load_Csv_ReadsNamedColumnsInAnyOrder()
    {
        var path = Write("t.csv", "output_length,timestamp,input_length\n20,0,100\n,1500,\n");

        Assert.Equal([new TraceArrival(0, 100, 20), new TraceArrival(1.5, null, null)], Load(path));
    }

    [Theory]
    [InlineData("t.jsonl", "{\"timestamp\": 5}\n{\"timestamp\": 3}\n", ":2: timestamp 3 is before the previous one (5)")]
    [InlineData("t.jsonl", "{\"timestamp\": 5}\nnot json\n", ":2: not a JSON object")]
    [InlineData("t.jsonl", "{\"time\": 5}\n", ":1: field 'timestamp': expected milliseconds")]
    [InlineData("t.jsonl", "{\"timestamp\": 5, \"input_length\": 0}\n", ":1: field 'input_length': expected a whole number of tokens, at least 1")]
    [InlineData("t.csv", "time,input_length\n0,5\n", ":1: a CSV trace starts with a header naming 'timestamp'")]
    [InlineData("t.csv", "timestamp,output_length\n0,many\n", ":2: column 'output_length': expected a whole number of tokens, at least 1, got 'many'")]
    [InlineData("t.jsonl", "\n\n", ": the trace has no arrivals")]
    public void Load_BadTrace_NamesFileLineAndWhatWasExpected(string name, string content, string expected)
    {
        var path = Write(name, content);
        var errors = new List<string>();

        Assert.Null(TraceFile.Load(path, errors));
        Assert.Contains(errors, e => e.StartsWith(path, StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IReadOnlyList<TraceArrival> Load(string path)
    {
        var errors = new List<string>();
        var trace = TraceFile.Load(path, errors);
        Assert.True(trace is not null, string.Join("; ", errors));
        return trace;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
