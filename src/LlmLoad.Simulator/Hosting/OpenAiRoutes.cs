using LlmLoad.Simulator.ChatCompletions;
using LlmLoad.Simulator.Completions;
using LlmLoad.Simulator.Embeddings;
using LlmLoad.Simulator.Responses;
using LlmLoad.Simulator.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace LlmLoad.Simulator.Hosting;

/// <summary>OpenAI's APIs: one <see cref="OpenAiEndpoint"/> each, told how its body becomes an exchange.</summary>
internal static class OpenAiRoutes
{
    public static void Map(IEndpointRouteBuilder app, ServingEngine engine)
    {
        var prefixCache = engine.PrefixCache is not null;
        var options = engine.Options;
        app.MapPost("/v1/chat/completions", new OpenAiEndpoint(engine, async (body, ct) =>
        {
            var (request, error) = await ChatRequestParser.ParseAsync(body, prefixCache, ct);
            return (request is null ? null : new OpenAiExchange(request, options.DefaultMaxTokens, options.Reasoning), error);
        }).HandleAsync);
        app.MapPost("/v1/responses", new OpenAiEndpoint(engine, async (body, ct) =>
        {
            var (request, error) = await ResponsesRequestParser.ParseAsync(body, prefixCache, ct);
            return (request is null ? null : new ResponsesExchange(request, options.DefaultMaxTokens), error);
        }).HandleAsync);
        app.MapPost("/v1/embeddings", new OpenAiEndpoint(engine, async (body, ct) =>
        {
            var (request, error) = await EmbeddingsRequestParser.ParseAsync(body, ct);
            return (request is null ? null : new EmbeddingsExchange(request, options.Seed), error);
        }).HandleAsync);
        app.MapPost("/v1/completions", new OpenAiEndpoint(engine, async (body, ct) =>
        {
            var (request, error) = await CompletionRequestParser.ParseAsync(body, prefixCache, ct);
            return (request is null ? null : new CompletionsExchange(request, options.DefaultMaxTokens), error);
        }).HandleAsync);
    }
}
