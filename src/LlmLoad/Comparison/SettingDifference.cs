namespace LlmLoad.Comparison;

/// <summary>A setting (a summary.json field) in which a candidate run differs from the base.</summary>
internal sealed record SettingDifference(string Field, string Base, string Candidate);
