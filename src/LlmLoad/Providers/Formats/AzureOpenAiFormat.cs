using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using LlmLoad.Shared;
using LlmLoad.Workload;

namespace LlmLoad.Providers.Formats;

/// <summary>
/// Azure OpenAI chat completions: OpenAI's body and stream, read by the <see cref="OpenAiChatFormat"/> it
/// wraps, sent to a deployment's URL with Azure's credentials. What Azure adds to the answer is read here:
/// a <c>content_filter</c> finish or 400 fails the request as <see cref="ErrorClass.ContentFiltered"/>; its
/// first chunk (empty <c>choices</c>, <c>prompt_filter_results</c>) and each choice's
/// <c>content_filter_results</c> carry nothing measured. Wire shape and the endpoint rule in docs/providers.md.
/// </summary>
/// <param name="Chat">Builds the body and reads the answer; carries the <c>max-tokens-field</c> setting.</param>
/// <param name="ApiVersion">The <c>api-version</c> of the deployments API; the v1 API takes none.</param>
/// <param name="Auth">Whether the key travels as <c>api-key</c> or as an Entra bearer token.</param>
internal sealed partial record AzureOpenAiFormat(OpenAiChatFormat Chat, string ApiVersion = AzureOpenAiFormat.DefaultApiVersion, AzureAuth Auth = AzureAuth.ApiKey) : IWireFormat
{
    /// <summary>The latest generally available version of the dated data-plane API.</summary>
    public const string DefaultApiVersion = "2024-10-21";

    public const string ContentFilterReason = "content_filter";

    /// <summary><c>--auth</c> values: <see cref="AzureAuth.ApiKey"/>, <see cref="AzureAuth.Bearer"/>.</summary>
    public static IReadOnlyList<string> AuthNames { get; } = ["api-key", "bearer"];

    private const string V1Path = "/openai/v1";
    private const string ChatPath = "/chat/completions";

    public static Provider Provider { get; } = new("azure", "Azure OpenAI chat completions", "AZURE_OPENAI_API_KEY", "api-key (or Authorization: Bearer with --auth bearer)", Create, EmbeddedBasePath: "")
    {
        Settings = ["max-tokens-field", "api-version", "auth"],
    };

    /// <summary>
    /// <c>{url}/openai/v1</c> is the v1 API: <c>{url}/chat/completions</c>, the deployment in the body's
    /// <c>model</c>. A URL ending in <c>/chat/completions</c> is used as given. Any other URL is the
    /// resource's endpoint (with or without <c>/openai</c>): <c>{url}/openai/deployments/{model}/chat/completions</c>.
    /// A deployments URL gets <c>api-version</c> unless its query already has one.
    /// </summary>
    public Uri Endpoint(Uri baseUrl, string model, bool stream)
    {
        var authority = baseUrl.GetLeftPart(UriPartial.Authority);
        var path = baseUrl.AbsolutePath.TrimEnd('/');
        var query = baseUrl.Query;
        if (path.EndsWith(V1Path, StringComparison.Ordinal))
        {
            return new Uri(authority + path + ChatPath + query);
        }

        if (!path.EndsWith(ChatPath, StringComparison.Ordinal))
        {
            var openai = path.EndsWith("/openai", StringComparison.Ordinal) ? path : path + "/openai";
            path = $"{openai}/deployments/{Uri.EscapeDataString(model)}{ChatPath}";
        }

        return new Uri(authority + path + (IsDeployment(path) ? WithApiVersion(query) : query));
    }

    public void AddHeaders(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is not { Length: > 0 })
        {
            return;
        }

        if (Auth == AzureAuth.Bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        else
        {
            request.Headers.Add("api-key", apiKey);
        }
    }

    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream) => Chat.BuildBody(model, messages, maxTokens, stream);

    public byte[] BuildBody(string model, IReadOnlyList<ChatTurn> messages, int maxTokens, bool stream, long session, IReadOnlyList<ToolDefinition> tools)
        => Chat.BuildBody(model, messages, maxTokens, stream, session, tools);

    public bool ApplyStreamEvent(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, long arrivedAt, ResponseCapture capture)
    {
        var ended = Chat.ApplyStreamEvent(eventType, data, arrivedAt, capture);
        FailIfFiltered(capture);
        return ended;
    }

    public void ApplyBody(ReadOnlySpan<byte> body, long arrivedAt, ResponseCapture capture)
    {
        Chat.ApplyBody(body, arrivedAt, capture);
        FailIfFiltered(capture);
    }

    /// <summary>Azure sends the x-ratelimit-remaining-* counts OpenAI does (and −1 for "unknown"), and retry-after-ms.</summary>
    public RateLimitObservation ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => Chat.ReadRateLimits(headers, now);

    /// <summary>A prompt the content filter refused is a 400 with <c>error.code</c> <c>content_filter</c>.</summary>
    public ErrorClass ClassifyError(int status, ReadOnlySpan<byte> body)
        => status == 400 && HttpErrorClassifier.Code(body) == ContentFilterReason
            ? ErrorClass.ContentFiltered
            : HttpErrorClassifier.Classify(status, body);

    private static void FailIfFiltered(ResponseCapture capture)
    {
        if (capture.FinishReason == ContentFilterReason)
        {
            capture.Fail(ErrorClass.ContentFiltered, "the answer was stopped by Azure's content filter (finish_reason content_filter)");
        }
    }

    private static bool IsDeployment(string path) => path.Contains("/openai/deployments/", StringComparison.Ordinal);

    private string WithApiVersion(string query)
    {
        if (query.Contains("api-version=", StringComparison.Ordinal))
        {
            return query;
        }

        var parameter = "api-version=" + Uri.EscapeDataString(ApiVersion);
        return query.Length == 0 ? "?" + parameter : query + "&" + parameter;
    }

    /// <summary>Reads <c>api-version</c>, <c>auth</c> and the chat format's <c>max-tokens-field</c>.</summary>
    private static AzureOpenAiFormat Create(ScenarioSettings settings, List<string> errors)
    {
        var apiVersion = settings.Read("api-version", ParseApiVersion, errors);
        if (apiVersion is not null && settings["url"] is { } url && url.Value.TrimEnd('/').EndsWith(V1Path, StringComparison.Ordinal))
        {
            errors.Add($"{settings["api-version"]!.Label}: the v1 API ({url.Label} ends in {V1Path}) takes no api-version; it applies to the deployments API");
        }

        var auth = settings.Read("auth", v => SettingParsers.OneOf(v, AuthNames), errors);
        return new AzureOpenAiFormat(
            OpenAiChatFormat.FromSettings(settings, errors),
            apiVersion ?? DefaultApiVersion,
            auth == AuthNames[1] ? AzureAuth.Bearer : AzureAuth.ApiKey);
    }

    private static string ParseApiVersion(string value)
        => DatedVersion().IsMatch(value)
            ? value
            : throw new FormatException($"expected a dated api-version such as {DefaultApiVersion} or 2025-04-01-preview");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    private static partial Regex DatedVersion();
}
