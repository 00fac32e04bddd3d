using System.Text.RegularExpressions;
using LlmLoad.Tests.Support;

namespace LlmLoad.Tests.Architecture;

/// <summary>
/// The library's folders form one pipeline (docs/architecture.md): each may import only the folders before
/// it, read from the <c>using</c> lines and fully qualified names of every source file.
/// </summary>
public sealed partial class ImportOrderTests
{
    /// <summary>The import order of docs/architecture.md: a folder may use the ones listed before it.</summary>
    private static readonly string[] Order =
    [
        "Shared", "Scenario", "Pricing", "Workload", "Corpus", "Traffic", "Cost", "Engine", "Providers", "Routing", "Recording", "Analysis",
        "Telemetry", "Options", "Reporting", "Runs", "Estimate", "FindLimit", "Planning", "Comparison", "Distributed",
    ];

    [Fact]
    public void Library_EveryFolder_ImportsOnlyFoldersBeforeIt()
    {
        var violations = new List<string>();
        foreach (var (folder, file, imported) in Imports())
        {
            if (Array.IndexOf(Order, imported) >= Array.IndexOf(Order, folder) && imported != folder)
            {
                violations.Add($"{file}: {folder} imports {imported}, which comes after it");
            }
        }

        Assert.Empty(violations);
    }

    [Fact]
    public void Library_EverySourceFile_IsInAFolderOfThePipeline()
    {
        var library = LibraryDirectory();
        var outside = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(library, f))
            .Where(f => !f.StartsWith("obj", StringComparison.Ordinal) && !f.StartsWith("bin", StringComparison.Ordinal))
            .Where(f => !Order.Contains(f.Split(Path.DirectorySeparatorChar)[0]))
            .ToList();

        Assert.Empty(outside);
    }

    [Fact]
    public void Imports_ReadFromTheSources_FindTheKnownEdges()
    {
        // Guards the reader itself: an empty or broken scan would make the order test pass vacuously.
        var edges = Imports().Select(i => (i.Folder, i.Imported)).ToHashSet();

        Assert.Contains(("Runs", "Recording"), edges);
        Assert.Contains(("Recording", "Providers"), edges);
        Assert.Contains(("Analysis", "Recording"), edges);
        Assert.True(edges.Count > 30, $"only {edges.Count} folder edges were read");
    }

    private static IEnumerable<(string Folder, string File, string Imported)> Imports()
    {
        var library = LibraryDirectory();
        foreach (var path in Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(library, path);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            if (folder is "obj" or "bin")
            {
                continue;
            }

            foreach (var line in File.ReadLines(path))
            {
                var code = line.Split("//")[0];
                if (code.TrimStart().StartsWith("namespace ", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match match in LibraryName().Matches(code))
                {
                    yield return (folder, relative, match.Groups[1].Value);
                }
            }
        }
    }

    private static string LibraryDirectory() => Path.Combine(Repository.Root, "src", "LlmLoad");

    /// <summary><c>using LlmLoad.X</c>, <c>using static LlmLoad.X.Y</c> or a qualified <c>LlmLoad.X.Type</c>; X is the folder.</summary>
    [GeneratedRegex(@"(?<![\w.])LlmLoad\.(\w+)")]
    private static partial Regex LibraryName();
}
