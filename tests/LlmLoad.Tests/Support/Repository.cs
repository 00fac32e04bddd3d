namespace LlmLoad.Tests.Support;

/// <summary>The checkout the tests run from, found by its solution file above the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LlmLoad.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("LlmLoad.slnx not found above " + AppContext.BaseDirectory);
    }
}
