using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LlmLoad.Simulator.Faults;

/// <summary>
/// <c>/admin/faults</c>: GET reports the rules, PUT <c>{"faults":[…]}</c> replaces them, POST one rule appends it,
/// DELETE clears them. Each answers with the resulting state, or 400 <c>{"error":…}</c> for an invalid body.
/// Only loopback callers are served (403 otherwise).
/// </summary>
internal static class FaultAdminEndpoint
{
    public const string Route = "/admin/faults";

    // Relaxed escaping keeps the quotes in messages such as "fault 'stall': \"for\" is required" readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(IEndpointRouteBuilder routes, FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(plan);
        routes.MapGet(Route, context => GetAsync(context, plan));
        routes.MapPut(Route, context => PutAsync(context, plan));
        routes.MapPost(Route, context => PostAsync(context, plan));
        routes.MapDelete(Route, context => DeleteAsync(context, plan));
    }

    public static Task GetAsync(HttpContext context, FaultPlan plan)
        => LoopbackCaller.Is(context.Connection) ? WriteStateAsync(context, plan) : ForbidAsync(context);

    public static Task PutAsync(HttpContext context, FaultPlan plan)
        => ChangeAsync(context, plan, static (plan, body) => plan.Replace(FaultListJson.ParseList(body)));

    public static Task PostAsync(HttpContext context, FaultPlan plan)
        => ChangeAsync(context, plan, static (plan, body) => plan.Add(FaultRuleJson.Parse(body)));

    public static Task DeleteAsync(HttpContext context, FaultPlan plan)
        => ChangeAsync(context, plan, static (plan, _) => plan.Clear(), readsBody: false);

    private static async Task ChangeAsync(HttpContext context, FaultPlan plan, Action<FaultPlan, JsonElement> change, bool readsBody = true)
    {
        if (!LoopbackCaller.Is(context.Connection))
        {
            await ForbidAsync(context);
            return;
        }

        try
        {
            using var body = readsBody ? await ReadBodyAsync(context) : null;
            change(plan, body?.RootElement ?? default);
        }
        catch (FormatException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, e.Message);
            return;
        }

        await WriteStateAsync(context, plan);
    }

    private static async Task<JsonDocument> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new FormatException($"the request body is not valid JSON: {e.Message}", e);
        }
    }

    private static Task ForbidAsync(HttpContext context)
        => WriteErrorAsync(context, StatusCodes.Status403Forbidden, $"{Route} only answers callers on this machine (loopback)");

    private static Task WriteStateAsync(HttpContext context, FaultPlan plan)
        => WriteJsonAsync(context, StatusCodes.Status200OK, json => FaultListJson.WriteState(json, plan.Uptime, plan.Rules));

    private static Task WriteErrorAsync(HttpContext context, int status, string message) => WriteJsonAsync(context, status, json =>
    {
        json.WriteStartObject();
        json.WriteString("error", message);
        json.WriteEndObject();
    });

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
        write(json);
        await json.FlushAsync(context.RequestAborted);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
