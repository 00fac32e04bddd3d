using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Hosting;

/// <summary>
/// <c>GET /v1/models</c> as an OpenAI-compatible server answers it, listing the one model it serves: what a
/// client given a URL and no model (<c>vllm bench serve</c>, llmload) asks first.
/// </summary>
internal static class ModelList
{
    private static readonly string Body =
        $$"""{"object":"list","data":[{"id":"{{ServingEngine.ServedModelName}}","object":"model","created":1700000000,"owned_by":"llmload"}]}""";

    public static Task WriteAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Body, context.RequestAborted);
    }
}
