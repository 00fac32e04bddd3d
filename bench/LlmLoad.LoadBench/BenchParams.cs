using System.Globalization;

namespace LlmLoad.LoadBench;

/// <summary>params.txt: KEY=VALUE lines the script wrote (scenario shape and /proc counters around the run).</summary>
internal sealed class BenchParams(IReadOnlyDictionary<string, string> values)
{
    public static BenchParams Load(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var split = line.IndexOf('=', StringComparison.Ordinal);
            if (split > 0)
            {
                values[line[..split].Trim()] = line[(split + 1)..].Trim();
            }
        }

        return new BenchParams(values);
    }

    public string Text(string key) => values.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"params.txt has no '{key}'");

    public double Number(string key) => double.Parse(Text(key), CultureInfo.InvariantCulture);

    public double? OptionalNumber(string key)
        => values.TryGetValue(key, out var value) && value.Length > 0 ? double.Parse(value, CultureInfo.InvariantCulture) : null;
}
