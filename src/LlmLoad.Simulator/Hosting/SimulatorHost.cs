using System.Net;
using LlmLoad.Simulator.AzureOpenAi;
using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Faults;
using LlmLoad.Simulator.GenerateContent;
using LlmLoad.Simulator.Messages;
using LlmLoad.Simulator.Serving;
using LlmLoad.Simulator.Truth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlmLoad.Simulator.Hosting;

/// <summary>Builds the Kestrel app: tuned for thousands of long-lived streams, isolated from its surroundings.</summary>
internal static class SimulatorHost
{
    public static WebApplication Build(SimulatorOptions options, IPAddress address, TruthLog? truthLog)
    {
        // The empty builder reads no appsettings.json, ASPNETCORE_URLS or other configuration: the simulator
        // often runs inside a user's project directory, whose settings must not add endpoints or logging,
        // and, unlike the slim builder, it starts no config file watcher (Linux allows a user 128 by default).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            // A load generator that falls behind in reading must see its own lag in its numbers, not
            // be disconnected by the server's minimum data rate.
            kestrel.Limits.MinResponseDataRate = null;
            // Lets one HTTP/2 connection carry every stream of a run.
            kestrel.Limits.Http2.MaxStreamsPerConnection = 10_000;
            kestrel.Listen(address, options.Port, listen =>
            {
                if (options.TlsCertificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                }
                else if (options.Http2Only)
                {
                    listen.Protocols = HttpProtocols.Http2;
                }
            });
        });

        var app = builder.Build();
        var engine = new ServingEngine(options, truthLog);
        app.Use(LeadingSlashes.CollapseAsync);
        app.UseRouting();
        OpenAiRoutes.Map(app, engine);
        app.MapPost("/v1/messages", new MessagesEndpoint(engine).HandleAsync);
        app.MapGet("/v1/models", ModelList.WriteAsync);
        var generateContent = new GenerateContentEndpoint(engine);
        app.MapPost("/v1beta/models/{" + GenerateContentEndpoint.ModelAndMethod + "}", generateContent.HandleAsync);
        app.MapPost("/v1/models/{" + GenerateContentEndpoint.ModelAndMethod + "}", generateContent.HandleAsync);
        var azure = new AzureChatEndpoint(engine);
        app.MapPost(AzureChatEndpoint.DeploymentsRoute, azure.HandleDeploymentAsync);
        app.MapPost(AzureChatEndpoint.V1Route, azure.HandleV1Async);
        app.MapGet("/metrics", engine.Metrics.WriteAsync);
        FaultAdminEndpoint.Map(app, engine.Faults);
        app.MapGet("/health", static context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("ok", context.RequestAborted);
        });
        app.MapFallback(static context => ApiError.InvalidUrl(context.Request).WriteAsync(context.Response, context.RequestAborted));
        return app;
    }
}
