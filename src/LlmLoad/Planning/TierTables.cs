using System.Reflection;

namespace LlmLoad.Planning;

/// <summary>
/// The rate-limit tier tables: the built-in ones (<c>Planning/tiers.yaml</c>, embedded), overridden or extended by a
/// user's tiers file. A user's table wins over a built-in one that covers the same model.
/// </summary>
internal sealed class TierTables
{
    private const string ResourceName = "LlmLoad.Planning.tiers.yaml";

    private TierTables(IReadOnlyList<TierTable> tables) => Tables = tables;

    /// <summary>The tables shipped with llmload.</summary>
    public static TierTables BuiltIn { get; } = LoadBuiltIn();

    /// <summary>Every table, the user's first.</summary>
    public IReadOnlyList<TierTable> Tables { get; }

    /// <summary>The built-in tables, overridden and extended by <paramref name="tiersFile"/> when one is given.</summary>
    public static TierTables Load(string? tiersFile, List<string> errors)
        => tiersFile is null ? BuiltIn : BuiltIn.With(TierFile.Load(tiersFile, errors));

    /// <summary>These tables with <paramref name="overrides"/> first; a built-in table of the same name is dropped.</summary>
    public TierTables With(IReadOnlyList<TierTable> overrides)
        => new([.. overrides, .. Tables.Where(t => !overrides.Any(o => o.Name.Equals(t.Name, StringComparison.OrdinalIgnoreCase)))]);

    /// <summary>The first table covering <paramref name="model"/>, or null.</summary>
    public TierTable? Find(string model) => Tables.FirstOrDefault(t => t.Covers(model));

    private static TierTables LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The built-in tier tables {ResourceName} are not embedded.");
        using var reader = new StreamReader(stream);
        var errors = new List<string>();
        var tables = TierFile.Read(reader, "built-in tiers.yaml", "built-in", errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The built-in tier tables are invalid: {string.Join("; ", errors)}");
        }

        return new TierTables(tables);
    }
}
