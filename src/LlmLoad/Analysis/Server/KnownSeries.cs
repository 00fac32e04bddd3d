namespace LlmLoad.Analysis.Server;

/// <summary>
/// One server metric llmload understands: its exposed name, the server it comes from, what it measures and how to
/// read it. <paramref name="Scale"/> turns the exposed unit into the quantity's (a percentage into a fraction).
/// </summary>
internal sealed record KnownSeries(string Name, string Flavour, ServerQuantity Quantity, CombineRule Combine, double Scale = 1);
