using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Metrics;

/// <summary>Serving the metrics: GET /metrics in the Prometheus text format, in the chosen flavour's names.</summary>
internal sealed partial class ServerMetrics
{
    /// <summary>The simulator's own count of queue-full refusals, in every flavour whose server has none of its own.</summary>
    public const string QueueFullRejections = "llmload_simulator_queue_full_rejections_total";

    public Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = Render();
        context.Response.ContentType = ExpositionWriter.ContentType;
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <summary>The exposition text: the flavour's families in the order its server writes them, then the simulator's own, then the GPU's.</summary>
    internal string Render()
    {
        var state = _readState();
        var writer = new ExpositionWriter(_flavor switch
        {
            MetricsFlavor.Tgi => NumberSpelling.Shortest,
            MetricsFlavor.LlamaCpp => NumberSpelling.CppStream,
            _ => NumberSpelling.PythonFloat,
        });
        switch (_flavor)
        {
            case MetricsFlavor.Sglang:
                WriteSglang(writer, state);
                break;
            case MetricsFlavor.Tgi:
                WriteTgi(writer, state);
                break;
            case MetricsFlavor.LlamaCpp:
                WriteLlamaCpp(writer, state);
                break;
            default:
                WriteVllm(writer, state);
                break;
        }

        if (_flavor != MetricsFlavor.Tgi)
        {
            // TGI counts these itself (tgi_request_failure{err="overloaded"}); vLLM, SGLang and llama.cpp queue without
            // bound and have no such series, so the simulator's own stands in for the gateway that would refuse them.
            writer.Family(QueueFullRejections, "counter", "Requests refused because the simulator's queue (max-queue) was full.");
            writer.Sample(QueueFullRejections, _modelLabel, _refusedQueueFull.Value);
        }

        writer.Family(
            "llmload_simulator_send_lag_seconds",
            "histogram",
            "How late each streamed token was handed to the connection (after the flush into the server's output pipe, before the socket send) versus its planned time; high values mean the simulator, not the scenario, shaped the timings.");
        writer.Histogram("llmload_simulator_send_lag_seconds", _modelLabel, _sendLag);
        _gpu?.Write(writer, state);
        return writer.ToString();
    }

    private static void WriteHistogram(ExpositionWriter writer, string name, string labels, string help, HistogramSeries series)
    {
        writer.Family(name, "histogram", help);
        writer.Histogram(name, labels, series);
    }
}
