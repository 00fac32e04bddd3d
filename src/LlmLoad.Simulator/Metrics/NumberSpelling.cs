namespace LlmLoad.Simulator.Metrics;

/// <summary>
/// How an exporter prints a sample's value. Parsers accept all three, but the le label of a bucket is compared as a
/// string by Prometheus before 3.0, so each flavour spells its numbers as the server it imitates does.
/// </summary>
internal enum NumberSpelling
{
    /// <summary>prometheus_client's Python floats: "1.0", "0.001", "2560.0" (vLLM, SGLang).</summary>
    PythonFloat,

    /// <summary>Shortest round-trip form without a forced ".0": "1", "0.5" (Rust's f64 Display, as metrics-exporter-prometheus prints for TGI).</summary>
    Shortest,

    /// <summary>A C++ ostream's default: six significant digits, "%g" style: "0", "12", "1.23457e+06" (llama.cpp).</summary>
    CppStream,
}
