using System.Text.Encodings.Web;
using System.Text.Json;
using LlmLoad.Corpus.Scrubbing;
using LlmLoad.Shared;

namespace LlmLoad.Corpus;

/// <summary>Writes the build report next to the corpus, schema <c>llmload.corpus-report/v1</c> (fields in docs/corpus.md).</summary>
internal static class CorpusReportJson
{
    public const string Schema = "llmload.corpus-report/v1";

    public static void Write(string path, CorpusBuildReport report)
    {
        try
        {
            using var file = File.Create(path);
            Write(file, report);
            file.WriteByte((byte)'\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CorpusInputException($"{path}: cannot write the report: {ex.Message}");
        }
    }

    public static void Write(Stream stream, CorpusBuildReport report)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var options = report.Options;
        json.WriteStartObject();
        json.WriteHeader(Schema);
        json.WriteString("source", options.SourceName);
        json.WriteString("corpus", options.Out);
        json.WriteString("tokenizer", report.Tokenizer);

        json.WriteStartObject("settings");
        json.WriteNumber("per_bucket", options.PerBucket);
        json.WriteNumber("seed", options.Seed);
        json.WriteNumber("short_input_below", options.Buckets.ShortInputBelow);
        json.WriteNumber("long_input_above", options.Buckets.LongInputAbove);
        json.WriteNumber("long_output_from", options.Buckets.LongOutputFrom);
        json.WriteBoolean("skip_bad_lines", options.SkipBadLines);
        json.WriteEndObject();

        json.WriteStartObject("lines");
        json.WriteNumber("read", report.LinesRead);
        json.WriteNumber("blank", report.BlankLines);
        json.WriteNumber("bad", report.BadLines);
        json.WriteNumber("duplicates", report.Duplicates);
        json.WriteNumber("unique", report.UniquePrompts);
        json.WriteNumber("written", report.PromptsWritten);
        json.WriteEndObject();

        json.WriteStartArray("bad_lines");
        foreach (var bad in report.BadLineSamples)
        {
            json.WriteStartObject();
            json.WriteNumber("line", bad.Line);
            json.WriteString("error", bad.Error);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("buckets");
        foreach (var bucket in report.Buckets)
        {
            json.WriteStartObject();
            json.WriteString("name", bucket.Name);
            json.WriteNumber("prompts", bucket.Prompts);
            json.WriteNumber("weight", Math.Round(bucket.Weight, 6));
            json.WriteNumber("sampled", bucket.Sampled);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("scrubbed");
        foreach (var kind in PiiPlaceholders.All)
        {
            json.WriteNumber(PiiPlaceholders.Name(kind), report.Scrubbed[kind]);
        }

        json.WriteNumber("total", report.Scrubbed.Total);
        json.WriteEndObject();

        json.WriteStartObject("performance");
        json.WriteNumber("bytes_read", report.BytesRead);
        json.WriteNumber("duration_s", Math.Round(report.Elapsed.TotalSeconds, 3));
        json.WriteNumber("mb_per_s", Math.Round(MegabytesPerSecond(report), 2));
        json.WriteNumber("dedupe_table_bytes", report.DedupeTableBytes);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Decimal megabytes (10⁶ bytes) per second, as the benchmark reports.</summary>
    public static double MegabytesPerSecond(CorpusBuildReport report)
        => report.Elapsed.TotalSeconds > 0 ? report.BytesRead / 1e6 / report.Elapsed.TotalSeconds : 0;
}
