using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text.Json;
using LlmLoad.Engine;

namespace LlmLoad.Providers.Transport;

/// <summary>
/// Sends one prepared request and captures its timeline. Shared by every wire format: it owns the
/// HTTP exchange, SSE framing, timestamps, the per-request timeout and the mapping of failures to
/// error classes. Never throws for a failed request: the failure is in the capture.
/// </summary>
internal sealed class RequestSender(HttpClient http, IWireFormat format, TargetSettings target, TimeProvider time) : IRequestExchange
{
    private const int MaxErrorBodyBytes = 64 * 1024;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(1);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Where every request goes.</summary>
    public Uri Endpoint { get; } = format.Endpoint(target.BaseUrl, target.Model, target.Stream);

    // Readers (and their buffers) are reused: with a thousand streams in flight, a fresh buffer per
    // request lives long enough to be promoted, and every young-generation pause copies them all.
    private readonly ConcurrentBag<SseReader> _readers = [];

    // Requests on the wire, counted here rather than by the engine so it is exact at the moment of each send:
    // what a provider's per-key concurrency cap counts.
    private int _inFlight;

    public Task<ResponseCapture> SendAsync(PreparedRequest request, long session, CancellationToken abort) => SendAsync(request.Body, abort);

    /// <param name="body">The request body, built before the send time so building it costs no latency.</param>
    /// <param name="abort">Cancels the request outright (the run's grace ran out); it is then <c>cancelled</c>.</param>
    public async Task<ResponseCapture> SendAsync(byte[] body, CancellationToken abort)
    {
        var capture = new ResponseCapture();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(abort);
        deadline.CancelAfter(target.Timeout);
        var token = deadline.Token;

        using var request = CreateRequest(body);
        capture.InFlightAtSend = Interlocked.Increment(ref _inFlight) - 1;
        capture.SentAt = time.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            capture.HeadersAt = time.GetTimestamp();
            capture.Status = (int)response.StatusCode;
            capture.HttpVersion = VersionName(response.Version);
            capture.RateLimit = format.ReadRateLimits(response.Headers, time.GetUtcNow());
            if (target.ServedByHeader is { } servedBy && response.Headers.NonValidated.TryGetValues(servedBy, out var server))
            {
                capture.ServedBy = server.ToString();
            }
            if (!response.IsSuccessStatusCode)
            {
                capture.ResetAfterSeconds = capture.RateLimit.ResetWaitSeconds;
                // The OpenAI SDKs obey this header over their own rules (wire-formats.md §2).
                capture.NotRetryable = response.Headers.NonValidated.TryGetValues("x-should-retry", out var shouldRetry)
                    && shouldRetry.ToString().Trim().Equals("false", StringComparison.OrdinalIgnoreCase);
                await ReadErrorAsync(response, capture, token).ConfigureAwait(false);
            }
            else if (format.Framing(response.Content.Headers.ContentType?.MediaType) is var framing and not ResponseFraming.Body)
            {
                await ReadStreamAsync(response, framing, capture, token).ConfigureAwait(false);
            }
            else
            {
                await ReadBodyAsync(response, capture, token).ConfigureAwait(false);
            }

            if (capture.Succeeded)
            {
                format.Finish(capture);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            capture.Fail(ErrorClass.Cancelled, "cancelled: the run stopped before this request ended");
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            capture.Fail(ErrorClass.Timeout, $"no complete response within {target.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var error = capture.HeadersAt == 0 ? ErrorClass.Connection : ErrorClass.StreamError;
            capture.Fail(error, Redact(ConnectionProblem(ex)));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            capture.Fail(ErrorClass.StreamError, "malformed response data: " + Redact(ex.Message));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            // A stream's end is the arrival of its end marker, set when it was read; anything else ends now.
            if (capture.EndAt == 0)
            {
                capture.EndAt = time.GetTimestamp();
            }
        }

        return capture;
    }

    /// <summary>The request as it goes on the wire: the format's method, URL and headers, then the user's <c>--header</c>s.</summary>
    public HttpRequestMessage CreateRequest(byte[] body)
    {
        var request = new HttpRequestMessage(format.Method, Endpoint)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = Json } },
            // A message built here does not take the client's defaults (only its Get/Post helpers do).
            Version = http.DefaultRequestVersion,
            VersionPolicy = http.DefaultVersionPolicy,
        };
        format.AddHeaders(request, target.ApiKey);
        foreach (var header in target.Headers)
        {
            // Replaces what the format set: --header is how a user overrides a default (a gateway's own auth).
            request.Headers.Remove(header.Name);
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        return request;
    }

    private async Task ReadStreamAsync(HttpResponseMessage response, ResponseFraming framing, ResponseCapture capture, CancellationToken token)
    {
        var stream = new TimestampedStream(await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false), time);
        await using (stream.ConfigureAwait(false))
        {
            var reader = _readers.TryTake(out var idle) ? idle : new SseReader();
            try
            {
                if (await reader.ReadAsync(stream, framing, (eventType, data, arrivedAt) => format.ApplyStreamEvent(eventType, data, arrivedAt, capture), token).ConfigureAwait(false))
                {
                    // The end marker's arrival is the end of the response; a server that keeps the
                    // connection open after it must not stretch E2E.
                    capture.EndAt = stream.LastReadAt;
                    await DrainAsync(stream).ConfigureAwait(false);
                    return;
                }
            }
            finally
            {
                reader.Reset();
                _readers.Add(reader);
            }
        }

        if (format.StreamEndIsComplete)
        {
            capture.EndAt = stream.LastReadAt;
            return;
        }

        capture.Fail(ErrorClass.StreamError, "stream ended before its end marker");
    }

    /// <summary>
    /// Reads what follows the end marker (the chunked-encoding terminator). Until the body is read to
    /// its end the connection cannot go back to the pool, and the next request of a closed-loop worker
    /// would open a new one, adding a TCP handshake to its latency.
    /// </summary>
    private static async Task DrainAsync(Stream stream)
    {
        using var drainLimit = new CancellationTokenSource(DrainTimeout);
        var buffer = ArrayPool<byte>.Shared.Rent(512);
        try
        {
            while (await stream.ReadAsync(buffer, drainLimit.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
        {
            // The response is complete; a server that holds the connection open only costs that connection.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ReadBodyAsync(HttpResponseMessage response, ResponseCapture capture, CancellationToken token)
    {
        var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
        format.ApplyBody(body, time.GetTimestamp(), capture);
        if (target.ServedByField is { } field)
        {
            capture.ServedBy ??= TopLevelString(body, field);
        }
    }

    private async Task ReadErrorAsync(HttpResponseMessage response, ResponseCapture capture, CancellationToken token)
    {
        var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), token).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            var body = buffer.AsSpan(0, length);
            capture.Fail(format.ClassifyError(capture.Status, body), $"HTTP {capture.Status}: {Redact(format.ErrorMessage(body))}");
            capture.NotRetryable |= NonRetryableErrors.Matches(body);
            if (capture.RateLimit.RetryAfterSeconds is null && format.RetryAfterInErrorBody(body) is { } wait)
            {
                capture.RateLimit = capture.RateLimit with { RetryAfterSeconds = wait };
            }

            if (capture.Error == ErrorClass.RateLimited)
            {
                capture.Refusal = RefusalClassifier.Classify(body, capture.RateLimit);
            }
        }
    }

    /// <summary>The string value of a top-level field of a JSON body; null when it has none.</summary>
    private static string? TopLevelString(byte[] body, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The version as records name it (<c>1.1</c>, <c>2</c>, <c>3</c>), without a string per response for the usual ones.</summary>
    private static string VersionName(Version version) => (version.Major, version.Minor) switch
    {
        (1, 1) => "1.1",
        (2, 0) => "2",
        (3, 0) => "3",
        _ => version.ToString(),
    };

    /// <summary>The root cause, with what to do about the two a user can fix with a flag: an untrusted certificate and an HTTP version mismatch.</summary>
    private string ConnectionProblem(Exception ex)
    {
        var root = ex.GetBaseException();
        if (root is AuthenticationException)
        {
            return $"TLS: {root.Message} (for a self-signed test endpoint, --insecure skips the check)";
        }

        // An HTTP/1.1 server answers a prior-knowledge preface in several ways (HTTP_1_1_REQUIRED, a handshake
        // it never completes); all of them but a refused or unreachable connection mean the version is wrong.
        return ex is HttpRequestException { HttpRequestError: not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError) }
            && http.DefaultVersionPolicy == HttpVersionPolicy.RequestVersionExact && http.DefaultRequestVersion.Major == 2
            ? $"{root.Message} (--http2 over http:// sends HTTP/2 with prior knowledge, which this server does not speak; use its https URL, or leave --http2 out)"
            : root.Message;
    }

    /// <summary>An API key (or a header value, which may be one) must never reach any output, even when a server echoes it in an error.</summary>
    private string Redact(string message)
    {
        if (target.ApiKey is { Length: >= 4 } key)
        {
            message = message.Replace(key, "***", StringComparison.Ordinal);
        }

        foreach (var header in target.Headers)
        {
            if (header.Value.Length >= 4)
            {
                message = message.Replace(header.Value, "***", StringComparison.Ordinal);
            }
        }

        return message;
    }
}
