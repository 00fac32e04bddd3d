using System.Security.Cryptography.X509Certificates;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.Generation;
using LlmLoad.Simulator.Metrics;
using LlmLoad.Simulator.RateLimiting;
using LlmLoad.Simulator.Serving;
using LlmLoad.Workload;

namespace LlmLoad.Simulator;

/// <summary>
/// How the built-in simulator listens and behaves. Every property has a default that works for a
/// quick dry run; timings are in milliseconds and drawn per request from a truncated normal.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>IP address to bind (or <c>localhost</c>, which binds the IPv4 loopback).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 lets the OS pick a free one (read it back from <see cref="SimulatorServer.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>
    /// Fixed overhead from admission into the batch to the first content token, with its jitter. Queue wait
    /// and prefill (<see cref="ServingCapacity.PrefillTokensPerSecond"/>) come on top.
    /// </summary>
    public NormalSpec TimeToFirstTokenMs { get; init; } = new(200, 0);

    /// <summary>Delay between consecutive content tokens with one sequence in the batch (see <see cref="ServingCapacity.InterTokenLatencyAtMaxBatchMs"/>).</summary>
    public NormalSpec InterTokenLatencyMs { get; init; } = new(20, 0);

    /// <summary>Output length when the request names neither <c>max_tokens</c> nor <c>max_completion_tokens</c>.</summary>
    public int DefaultMaxTokens { get; init; } = 128;

    /// <summary>Reasoning tokens a simulated reasoning model generates before its answer; none by default.</summary>
    public SimulatedReasoning Reasoning { get; init; } = new();

    /// <summary>
    /// Of the requests that offer function tools and leave the choice to the model (<c>auto</c>), the share whose answer is a
    /// call of the first tool rather than text; a request that requires a call always gets one, one that forbids it never.
    /// </summary>
    public double ToolCallShare { get; init; } = 1;

    /// <summary>Batch slots, KV cache, prefill speed, decode slow-down and queue; unlimited by default.</summary>
    public ServingCapacity Capacity { get; init; } = new();

    /// <summary>Per-minute request and token limits with the providers' headers; none by default.</summary>
    public RateLimits RateLimits { get; init; } = new();

    /// <summary>Faults injected from start-up, each by probability and time window; more can be added at run time on <c>/admin/faults</c>.</summary>
    internal IReadOnlyList<FaultRule> Faults { get; init; } = [];

    /// <summary>Makes timings and generated text reproducible for the same sequence of requests.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// When set, every request must present this key (OpenAI: <c>Authorization: Bearer</c>; Anthropic:
    /// <c>x-api-key</c> or a bearer token) or is refused with 401 in the provider's own envelope.
    /// Null accepts any key (Anthropic still requires one to be present, as the real API does).
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// When set, one JSON line per completed response with the server's own monotonic timestamps,
    /// so a client's measurements can be checked against what the server actually did.
    /// </summary>
    public string? TruthLogPath { get; init; }

    /// <summary>
    /// When set, the server speaks HTTPS with this certificate, HTTP/1.1 and HTTP/2 negotiated by ALPN, as a
    /// hosted API or a TLS-terminating gateway does (<see cref="SelfSignedCertificate"/> makes a test one).
    /// </summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>
    /// Cleartext HTTP/2 only, with prior knowledge (h2c), as gRPC-style servers and some gateways speak it;
    /// an HTTP/1.1 client is refused. Cleartext cannot negotiate, so a server offers one or the other.
    /// </summary>
    public bool Http2Only { get; init; }

    /// <summary>
    /// Adds DCGM-exporter-like GPU series to /metrics (utilisation, memory, power, temperature), computed from the
    /// batch's occupancy and the KV cache's use. Illustrative, not a model of any GPU; every one says SIMULATED in its help.
    /// </summary>
    public bool SimulatedGpu { get; init; }

    /// <summary>Whose names /metrics writes the serving state under: vLLM (default), SGLang, TGI or llama.cpp (docs/simulator.md).</summary>
    public MetricsFlavor MetricsFlavor { get; init; } = MetricsFlavor.Vllm;

    /// <summary>
    /// The clock behind the server's decisions and stamps: rate-limit buckets, reset times, <c>created</c>.
    /// A test swaps in a fake one to step time exactly. Token pacing stays on the real monotonic clock,
    /// because its whole job is to wait in real time.
    /// </summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;
}
