using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.AzureOpenAi;

/// <summary>The <c>api-version</c> query parameter the deployments API requires; the v1 API takes none.</summary>
internal static partial class AzureApiVersion
{
    /// <summary>The name the v1 API goes by in Azure's messages.</summary>
    public const string V1 = "v1";

    /// <summary>A missing version is Azure's 404; one that is not dated (<c>2024-10-21</c>, <c>2025-04-01-preview</c>) its 400.</summary>
    public static (string? Version, AzureError? Error) Read(HttpRequest request)
    {
        var version = request.Query["api-version"].ToString();
        if (version.Length == 0)
        {
            return (null, AzureError.ResourceNotFound);
        }

        return Dated().IsMatch(version) ? (version, null) : (null, AzureError.ApiVersionNotSupported);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    private static partial Regex Dated();
}
