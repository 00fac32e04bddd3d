using System.Diagnostics;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.AzureOpenAi;

/// <summary>
/// Azure OpenAI chat completions, on both its URLs: the deployments API
/// (<c>POST /openai/deployments/{deployment}/chat/completions?api-version=…</c>, the deployment is the model)
/// and the v1 API (<c>POST /openai/v1/chat/completions</c>, the model in the body, no version).
/// </summary>
internal sealed class AzureChatEndpoint(ServingEngine engine)
{
    public const string DeploymentsRoute = "/openai/deployments/{deployment}/chat/completions";

    public const string V1Route = "/openai/v1/chat/completions";

    public Task HandleDeploymentAsync(HttpContext context)
    {
        var arrival = Stopwatch.GetTimestamp();
        var (version, versionError) = AzureApiVersion.Read(context.Request);
        return HandleAsync(context, arrival, version, versionError, context.Request.RouteValues["deployment"] as string);
    }

    public Task HandleV1Async(HttpContext context) => HandleAsync(context, Stopwatch.GetTimestamp(), AzureApiVersion.V1, null, deployment: null);

    private async Task HandleAsync(HttpContext context, long arrival, string? version, AzureError? versionError, string? deployment)
    {
        // Arrival is taken first thing: every delay is measured from here, as a client would measure it.
        var sequence = engine.NextArrival();
        var cancellationToken = context.RequestAborted;
        try
        {
            // Azure routes on the version before it looks at the key: a versionless URL is a 404 to anyone.
            if ((versionError ?? AzureKeyCheck.Check(context.Request, engine.Options.ApiKey)) is { } refused)
            {
                await refused.WriteAsync(context.Response, cancellationToken);
                return;
            }

            var (request, error) = await ChatRequestParser.ParseAsync(context.Request.Body, engine.PrefixCache is not null, cancellationToken, deployment);
            if (error is not null)
            {
                await error.WriteAsync(context.Response, cancellationToken);
                return;
            }

            await engine.ServeAsync(context, new AzureExchange(request!, engine.Options.DefaultMaxTokens, version!), arrival, sequence);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client hung up (or the server is stopping): routine under load, nothing to report.
        }
    }
}
