using System.Net;
using System.Net.Http.Headers;

namespace LlmLoad.Tests.Support;

/// <summary>
/// The network edge replaced for decoding tests: answers every request with the given status,
/// content type and body stream, and keeps the request for inspection.
/// </summary>
internal sealed class ScriptedHandler(HttpStatusCode status, string contentType, Func<Stream> body) : HttpMessageHandler
{
    public HttpRequestMessage? LastRequest { get; private set; }

    public string? LastRequestBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = request;
        LastRequestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var content = new StreamContent(body());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpResponseMessage(status) { Content = content, RequestMessage = request };
    }
}
