namespace LlmLoad.Telemetry;

/// <summary>How metrics are pushed to an OpenTelemetry collector: the two transports of OTLP.</summary>
internal enum OtlpProtocol
{
    /// <summary>Protobuf over HTTP POST to <c>/v1/metrics</c>; the OpenTelemetry specification's default (port 4318).</summary>
    HttpProtobuf,

    /// <summary>Protobuf over gRPC (port 4317).</summary>
    Grpc,
}
