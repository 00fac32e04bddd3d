namespace LlmLoad.Providers.Formats;

/// <summary>How Azure OpenAI is sent the credential from the key variable (<c>--auth</c>).</summary>
internal enum AzureAuth
{
    /// <summary>A resource key in the <c>api-key</c> header.</summary>
    ApiKey,

    /// <summary>A Microsoft Entra ID access token as <c>Authorization: Bearer</c>.</summary>
    Bearer,
}
