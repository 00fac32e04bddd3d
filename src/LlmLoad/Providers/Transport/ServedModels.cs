using System.Net.Http.Headers;
using System.Text.Json;

namespace LlmLoad.Providers.Transport;

/// <summary>
/// Asks an OpenAI-compatible server which models it serves (<c>GET {base}/models</c>), for a run given a URL
/// but no model: a vLLM, SGLang or llama.cpp server usually serves exactly one, as <c>vllm bench serve</c> assumes.
/// </summary>
internal static class ServedModels
{
    /// <summary>The only model served.</summary>
    /// <exception cref="InvalidOperationException">No answer, no models, or several: the message says which and lists them.</exception>
    public static async Task<string> TheOnlyOneAsync(HttpClient http, Uri baseUrl, string? apiKey, IReadOnlyList<RequestHeader> headers, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl.ToString().TrimEnd('/') + "/models");
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = http.DefaultRequestVersion, VersionPolicy = http.DefaultVersionPolicy };
        if (apiKey is { Length: > 0 })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        foreach (var header in headers)
        {
            request.Headers.Remove(header.Name);
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        List<string> models;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"no --model given, and GET {url} answered HTTP {(int)response.StatusCode}; give the model name with --model");
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            models = body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                ? [.. data.EnumerateArray().Select(m => m.TryGetProperty("id", out var id) ? id.GetString() : null).OfType<string>()]
                : [];
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            throw new InvalidOperationException($"no --model given, and GET {url} gave no list of models ({ex.GetBaseException().Message}); give the model name with --model");
        }

        return models.Count switch
        {
            1 => models[0],
            0 => throw new InvalidOperationException($"no --model given, and GET {url} lists no models; give the model name with --model"),
            _ => throw new InvalidOperationException($"no --model given, and {url} serves {models.Count} models; choose one with --model: {string.Join(", ", models)}"),
        };
    }
}
