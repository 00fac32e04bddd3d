namespace LlmLoad.LoadBench;

/// <summary>Reads what bench/side-by-side.sh left under one results directory: c{C}/{client}-t{tokens}[-buffered]/ per run.</summary>
internal static class SideBySide
{
    /// <returns>The table, and whether every run could be read.</returns>
    public static (string Table, bool AllRead) Analyse(string resultsDirectory)
    {
        var runs = new List<SideBySideRun>();
        var notes = new List<string>();
        var envPath = Path.Combine(resultsDirectory, "env.txt");
        if (File.Exists(envPath))
        {
            // The script's own notes: peers it could not run, and why.
            notes.AddRange(File.ReadLines(envPath).Where(l => l.StartsWith("skipped ", StringComparison.Ordinal)));
        }

        var allRead = true;
        foreach (var paramsPath in Directory.EnumerateFiles(resultsDirectory, "params.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var directory = Path.GetDirectoryName(paramsPath)!;
            try
            {
                runs.Add(SideBySideRun.Load(directory));
            }
            catch (Exception ex) when (ex is IOException or FormatException or KeyNotFoundException or System.Text.Json.JsonException or InvalidDataException)
            {
                allRead = false;
                notes.Add($"run {Path.GetRelativePath(resultsDirectory, directory)} not analysed: {ex.Message}");
            }
        }

        return (SideBySideTable.Render(runs, notes), allRead && runs.Count > 0);
    }
}
