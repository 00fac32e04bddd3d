namespace LlmLoad.Distributed;

/// <summary>
/// Whether segments' results are the N disjoint shares of one run: the same count, seed, scenario and settings, each
/// index once and none missing. Every difference is named, with the directories it is between.
/// </summary>
internal static class SegmentCheck
{
    public static List<string> Problems(IReadOnlyList<SegmentResults> parts)
    {
        var problems = new List<string>();
        var first = parts[0];
        foreach (var part in parts.Skip(1))
        {
            var (a, b) = (first.Manifest, part.Manifest);
            if (a.Segment.Count != b.Segment.Count)
            {
                problems.Add($"different segment counts: {first.Directory} is {a.Segment}, {part.Directory} is {b.Segment}");
            }

            if (a.Seed != b.Seed)
            {
                problems.Add($"different seeds: {first.Directory} has seed {a.Seed}, {part.Directory} has {b.Seed}");
            }

            if (a.ScenarioPath != b.ScenarioPath || a.ScenarioSha256 != b.ScenarioSha256)
            {
                problems.Add($"different scenarios: {first.Directory} ran {Scenario(a)}, {part.Directory} ran {Scenario(b)}");
            }

            foreach (var key in a.Settings.Keys.Union(b.Settings.Keys).Order(StringComparer.Ordinal))
            {
                var (x, y) = (Value(a, key), Value(b, key));
                if (x != y)
                {
                    problems.Add($"different settings: --{key} is {x} in {first.Directory}, {y} in {part.Directory}");
                }
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var count = first.Manifest.Segment.Count;
        foreach (var group in parts.GroupBy(p => p.Manifest.Segment.Index).Where(g => g.Count() > 1))
        {
            problems.Add($"segment {group.Key}/{count} given more than once (overlapping shares): {string.Join(", ", group.Select(p => p.Directory))}");
        }

        var missing = Enumerable.Range(1, count).Except(parts.Select(p => p.Manifest.Segment.Index)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"missing segment{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(i => $"{i}/{count}"))}: a merge needs all {count} to add up to the run");
        }

        return problems;
    }

    private static string Scenario(SegmentManifest manifest)
        => manifest.ScenarioPath is null ? "no scenario file" : $"{manifest.ScenarioPath} (sha256 {manifest.ScenarioSha256?[..12] ?? "unreadable"})";

    private static string Value(SegmentManifest manifest, string key)
        => manifest.Settings.TryGetValue(key, out var values) ? $"'{string.Join("', '", values)}'" : "not given";
}
