namespace LlmLoad.Analysis.Server;

/// <summary>
/// A quantity a server exposes only as two series, read as their ratio: TGI's KV cache is the tokens the running batch
/// reserved over the budget set at warm-up. Used only when no series gives the quantity directly.
/// </summary>
internal sealed record RatioSeries(string Numerator, string Denominator, string Flavour, ServerQuantity Quantity);
