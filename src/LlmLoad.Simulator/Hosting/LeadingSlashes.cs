using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Hosting;

/// <summary>
/// Treats <c>//v1/chat/completions</c> as <c>/v1/chat/completions</c>. A <see cref="Uri"/> base address
/// always ends in "/", so the natural <c>$"{BaseAddress}/v1"</c> yields a double slash; accepting it
/// saves every embedding caller from that trap.
/// </summary>
internal static class LeadingSlashes
{
    public static Task CollapseAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (path is ['/', '/', ..])
        {
            context.Request.Path = new PathString("/" + path.TrimStart('/'));
        }

        return next(context);
    }
}
