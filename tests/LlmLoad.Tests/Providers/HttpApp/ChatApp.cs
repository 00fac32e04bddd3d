using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmLoad.Tests.Providers.HttpApp;

/// <summary>
/// A user's own app, as llmload's <c>--provider http</c> meets it: its own JSON (<c>POST /api/ask</c> with
/// <c>question</c>, <c>history</c>, <c>limit</c>, <c>conversation</c>), middleware that costs time, an LLM behind it
/// (the simulator, over OpenAI's API), and its answer as JSON lines. It logs when each request reached it and
/// when it flushed the first token, on the machine's monotonic clock: the truth a client's TTFT is checked against.
/// </summary>
internal sealed class ChatApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _llm = new();

    private ChatApp(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>By response id: when the request arrived and when its first token left, as Stopwatch timestamps.</summary>
    public ConcurrentDictionary<string, (long Arrived, long FirstTokenFlushed)> Log { get; } = new();

    /// <summary>The conversation id and X-Tenant header of every request, in arrival order.</summary>
    public ConcurrentQueue<(string Conversation, string? Tenant)> Requests { get; } = new();

    public static async Task<ChatApp> StartAsync(Uri llmBaseUrl, TimeSpan middlewareDelay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var chat = new ChatApp(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/ping")
            {
                await next(context);
                return;
            }

            context.Items["arrived"] = Stopwatch.GetTimestamp();
            // What an app's auth, routing and retrieval cost before the model is called.
            await Task.Delay(middlewareDelay, context.RequestAborted);
            await next(context);
        });
        app.MapPost("/api/ask", context => chat.AskAsync(context, llmBaseUrl));
        app.MapGet("/ping", () => "pong");
        await app.StartAsync();
        chat.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return chat;
    }

    private async Task AskAsync(HttpContext context, Uri llmBaseUrl)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = request.RootElement;
        Requests.Enqueue((root.GetProperty("conversation").GetString()!, context.Request.Headers["X-Tenant"].FirstOrDefault()));
        var messages = root.GetProperty("history").EnumerateArray()
            .Select(m => new { role = m.GetProperty("role").GetString(), content = m.GetProperty("content").GetString() })
            .Append(new { role = (string?)"user", content = root.GetProperty("question").GetString() })
            .ToList();
        var upstream = JsonSerializer.Serialize(new { model = "sim", max_tokens = root.GetProperty("limit").GetInt32(), stream = true, messages });
        using var llmRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(llmBaseUrl, "v1/chat/completions")) { Content = new StringContent(upstream, Encoding.UTF8, "application/json") };
        using var llm = await _llm.SendAsync(llmRequest, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);

        var id = "app-" + Guid.NewGuid().ToString("N")[..12];
        context.Response.ContentType = "application/x-ndjson";
        await WriteLineAsync(context, new { @event = "start", id });
        using var reader = new StreamReader(await llm.Content.ReadAsStreamAsync(context.RequestAborted));
        var generated = 0;
        long firstFlushed = 0;
        while (await reader.ReadLineAsync(context.RequestAborted) is { } line)
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            using var chunk = JsonDocument.Parse(line["data: ".Length..]);
            var choices = chunk.RootElement.GetProperty("choices");
            if (choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text)
            {
                generated++;
                await WriteLineAsync(context, new { @event = "token", data = new { text } });
                firstFlushed = firstFlushed == 0 ? Stopwatch.GetTimestamp() : firstFlushed;
            }
        }

        await WriteLineAsync(context, new { @event = "end", usage = new { generated } });
        Log[id] = ((long)context.Items["arrived"]!, firstFlushed);
    }

    private static async Task WriteLineAsync(HttpContext context, object value)
    {
        await context.Response.WriteAsync(JsonSerializer.Serialize(value) + "\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        _llm.Dispose();
        await _app.DisposeAsync();
    }
}
