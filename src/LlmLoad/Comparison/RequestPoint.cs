namespace LlmLoad.Comparison;

/// <summary>One measured request of requests.jsonl as the comparison's time series use it: when it was sent, its TTFT, whether it succeeded.</summary>
internal readonly record struct RequestPoint(double SentMs, double? TtftMs, double? E2eMs, bool Succeeded);
