using LlmLoad.Shared;

namespace LlmLoad.Providers;

/// <summary>One API llmload speaks, as <see cref="ProviderRegistry"/> lists it.</summary>
/// <param name="Name">The <c>--provider</c> value.</param>
/// <param name="Summary">What it speaks, for <c>--help</c>: "chat completions".</param>
/// <param name="DefaultKeyEnv">The environment variable holding the key unless <c>--api-key-env</c> names another.</param>
/// <param name="AuthHeader">The header the key travels in, for the docs.</param>
/// <param name="Create">
/// Builds the format from the run's settings; a format with settings of its own (OpenAI's max-tokens-field)
/// reads and validates them here, adding any problem to the errors.
/// </param>
/// <param name="EmbeddedBasePath">
/// The base URL's path on the built-in simulator, as a user would give it for the real API: <c>v1</c> for
/// OpenAI-style APIs (<c>…/v1</c>), empty for an API whose format builds the whole path itself.
/// </param>
internal sealed record Provider(
    string Name,
    string Summary,
    string DefaultKeyEnv,
    string AuthHeader,
    Func<ScenarioSettings, List<string>, IWireFormat> Create,
    string EmbeddedBasePath = "v1")
{
    /// <summary>The setting keys only this provider reads (OpenAI's <c>max-tokens-field</c>): given with another provider, they are an error.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>Whether the API lists its models at <c>GET {base}/models</c>, so that a run with a URL may leave out the model.</summary>
    public bool ListsModels { get; init; }

    /// <summary>Whether the API can stream its answer; one that cannot (embeddings) runs buffered, and <c>--stream</c> is an error.</summary>
    public bool Streams { get; init; } = true;
}
