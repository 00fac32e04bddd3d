namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// The <c>finished_reason</c> label values of <c>vllm:request_success_total</c>, spelled as vLLM spells its
/// <c>FinishReason</c> enum (vllm/v1/engine/__init__.py).
/// </summary>
internal static class FinishedReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string Abort = "abort";
}
