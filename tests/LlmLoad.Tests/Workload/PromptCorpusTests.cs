using LlmLoad.Workload;

namespace LlmLoad.Tests.Workload;

public sealed class PromptCorpusTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmload-corpus-").FullName;

    [Fact]
    public void Load_Jsonl_PromptsAndMessagesWithLengthsAndCategories()
    {
        var corpus = Load("c.jsonl", """
            {"prompt": "What is BGP?", "max_tokens": 300, "category": "qa"}

            {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Define TCP."}]}
            """);

        Assert.Equal(2, corpus.Entries.Count);
        Assert.Equal((300, "qa"), (corpus.Entries[0].MaxTokens!.Value, corpus.Entries[0].Category!));
        Assert.Equal([new ChatTurn("system", "Be brief."), new ChatTurn("user", "Define TCP.")], corpus.Entries[1].Messages);
        Assert.EndsWith("c.jsonl:3", corpus.Entries[1].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CsvWithQuotedCommasAndNewlines_TextAndShareGpt()
    {
        var csv = Load("c.csv", "category,prompt,max_tokens\ncode,\"Fix this: a, b = b, a\nin Go\",120\nqa,Why?,\n");
        Assert.Equal("Fix this: a, b = b, a\nin Go", csv.Entries[0].Text);
        Assert.Equal((120, "code"), (csv.Entries[0].MaxTokens!.Value, csv.Entries[0].Category!));
        Assert.Null(csv.Entries[1].MaxTokens);

        Assert.Equal(["one", "two"], Load("c.txt", "one\n\n two\n").Entries.Select(e => e.Text.Trim()));

        var shareGpt = Load("c.json", """
            [{"id": "a", "conversations": [{"from": "system", "value": "You help."}, {"from": "human", "value": "Hi there"}, {"from": "gpt", "value": "Hello! How can I help you today?"}, {"from": "human", "value": "Bye"}]}]
            """);
        var entry = Assert.Single(shareGpt.Entries);
        Assert.Equal(["system", "user"], entry.Messages.Select(m => m.Role));
        Assert.Equal(TokenCounter.Default.Count("Hello! How can I help you today?"), entry.MaxTokens);
    }

    [Theory]
    [InlineData("c.jsonl", "{\"prompt\": \"ok\"}\n{\"promt\": \"typo\"}\n", ":2: expected a \"prompt\" (text) or \"messages\"")]
    [InlineData("c.jsonl", "not json\n", ":1: not a JSON object")]
    [InlineData("c.jsonl", "{\"prompt\": \"ok\", \"max_tokens\": -3}\n", ":1: field 'max_tokens': expected a whole number of tokens, at least 1")]
    [InlineData("c.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"assistant\", \"content\": \"b\"}]}\n", ":1: field 'messages': the last message must be the user's")]
    [InlineData("c.csv", "text\nhello\n", ":1: a CSV corpus starts with a header naming a 'prompt' column")]
    [InlineData("c.csv", "prompt,max_tokens\nhello,lots\n", ":2: column 'max_tokens': expected a whole number of tokens, at least 1, got 'lots'")]
    [InlineData("c.json", "[{\"conversations\": [{\"from\": \"gpt\", \"value\": \"x\"}]}]", ": conversation 1: no human turn with text")]
    [InlineData("c.jsonl", "\n\n", ": the corpus has no prompts")]
    [InlineData("c.parquet", "x", ": unknown corpus format '.parquet'")]
    public void Load_BadCorpus_NamesFileLineAndWhatWasExpected(string name, string content, string expected)
    {
        var path = Write(name, content);
        var errors = new List<string>();

        Assert.Null(PromptCorpus.Load(path, skipBadLines: false, errors));
        Assert.Contains(errors, e => e.StartsWith(path, StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SkipBadLines_CountsAndDescribesThem()
    {
        var path = Write("c.jsonl", "{\"prompt\": \"a\"}\nbroken\n{\"prompt\": \"\"}\n{\"prompt\": \"b\"}\n");
        var errors = new List<string>();

        var corpus = PromptCorpus.Load(path, skipBadLines: true, errors)!;

        Assert.Empty(errors);
        Assert.Equal(2, corpus.Entries.Count);
        Assert.Equal(2, corpus.SkippedLines);
        Assert.StartsWith($"{path}:2: not a JSON object", corpus.SkippedExamples[0], StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltIn_HasVariedCategorizedPrompts()
    {
        var corpus = PromptCorpus.BuiltIn();

        Assert.True(corpus.Entries.Count >= 30);
        Assert.True(corpus.Entries.Select(e => e.Category).Distinct().Count() >= 6);
        Assert.All(corpus.Entries, e => Assert.NotNull(e.MaxTokens));
        Assert.Equal(corpus.Entries.Count, corpus.Entries.Select(e => e.Text).Distinct().Count());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private PromptCorpus Load(string name, string content)
    {
        var errors = new List<string>();
        var corpus = PromptCorpus.Load(Write(name, content), skipBadLines: false, errors);
        Assert.True(corpus is not null, string.Join("; ", errors));
        return corpus;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
