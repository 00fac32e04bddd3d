using System.Buffers.Binary;
using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace LlmLoad.Tests.Support;

/// <summary>
/// A stand-in OpenTelemetry collector on 127.0.0.1: takes OTLP metric exports over HTTP (POST /v1/metrics,
/// protobuf) and over gRPC (h2c, MetricsService/Export), answers as a collector does, and keeps every
/// export decoded by <see cref="OtlpMetrics"/> (Google.Protobuf's wire reader, by the field numbers of
/// opentelemetry-proto's metrics.proto).
/// </summary>
internal sealed class OtlpCollector : IAsyncDisposable
{
    public const string GrpcExportPath = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

    private readonly WebApplication _app;

    private OtlpCollector(WebApplication app) => _app = app;

    /// <summary>Every export received, in arrival order, with the path and content type it came with.</summary>
    public ConcurrentQueue<(string Path, string? ContentType, OtlpMetrics Metrics)> Exports { get; } = new();

    public Uri HttpUrl { get; private set; } = null!;

    public Uri GrpcUrl { get; private set; } = null!;

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1);
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/metrics", async context =>
        {
            var body = await ReadAllAsync(context.Request.Body);
            collector.Exports.Enqueue((context.Request.Path, context.Request.ContentType, OtlpMetrics.Read(body)));
            context.Response.ContentType = "application/x-protobuf";
        });
        app.MapPost(GrpcExportPath, async context =>
        {
            // A gRPC message: a compressed flag byte, a 4-byte big-endian length, then the protobuf.
            var frame = await ReadAllAsync(context.Request.Body);
            var length = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(1, 4));
            collector.Exports.Enqueue((context.Request.Path, context.Request.ContentType, OtlpMetrics.Read(frame.AsSpan(5, length).ToArray())));
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[5]);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync();
        var addresses = app.Urls.Select(u => new Uri(u)).ToList();
        collector.HttpUrl = addresses[0];
        collector.GrpcUrl = addresses[1];
        return collector;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task<byte[]> ReadAllAsync(Stream body)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

/// <summary>What one OTLP export carried, per metric name: the data points' total count (histograms) or value (sums, gauges).</summary>
internal sealed class OtlpMetrics
{
    private OtlpMetrics(Dictionary<string, double> totals) => Totals = totals;

    /// <summary>Metric name → summed histogram counts, or summed sum/gauge values, over every data point.</summary>
    public IReadOnlyDictionary<string, double> Totals { get; }

    // Field numbers from opentelemetry-proto: ExportMetricsServiceRequest.resource_metrics = 1, ResourceMetrics.scope_metrics = 2,
    // ScopeMetrics.metrics = 2, Metric.name = 1, gauge = 5, sum = 7, histogram = 9; data_points = 1 in each;
    // HistogramDataPoint.count = 4 (fixed64); NumberDataPoint.as_double = 4 (double), as_int = 6 (sfixed64).
    public static OtlpMetrics Read(byte[] request)
    {
        var totals = new Dictionary<string, double>();
        foreach (var resource in Messages(request, 1))
        {
            foreach (var scope in Messages(resource, 2))
            {
                foreach (var metric in Messages(scope, 2))
                {
                    ReadMetric(metric, totals);
                }
            }
        }

        return new OtlpMetrics(totals);
    }

    private static void ReadMetric(byte[] metric, Dictionary<string, double> totals)
    {
        var input = new CodedInputStream(metric);
        string? name = null;
        double total = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    name = input.ReadString();
                    break;
                case 5 or 7:
                    total += Messages(input.ReadBytes().ToByteArray(), 1).Sum(NumberValue);
                    break;
                case 9:
                    total += Messages(input.ReadBytes().ToByteArray(), 1).Sum(HistogramCount);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        totals[name!] = totals.GetValueOrDefault(name!) + total;
    }

    private static double NumberValue(byte[] point)
        => Field(point, 4, input => input.ReadDouble()) ?? Field(point, 6, input => input.ReadSFixed64()) ?? 0;

    private static double HistogramCount(byte[] point) => Field(point, 4, input => input.ReadFixed64()) ?? 0;

    private static double? Field(byte[] message, int field, Func<CodedInputStream, double> read)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field)
            {
                return read(input);
            }

            input.SkipLastField();
        }

        return null;
    }

    private static List<byte[]> Messages(byte[] message, int field)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }
}
