namespace LlmLoad.Planning;

/// <summary>One SLO check of a run and whether it held.</summary>
internal sealed record SloCheck(string Expression, bool Passed);
