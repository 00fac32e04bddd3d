namespace LlmLoad.Simulator.Embeddings;

/// <summary>The fields of a <c>POST /v1/embeddings</c> body the simulator acts on; anything else (<c>user</c>) is ignored.</summary>
/// <param name="InputKeys">One key per input, a hash of its text (or token ids): the same input always gets the same vector.</param>
/// <param name="PromptTokens">o200k_base tokens of every input together (token-id inputs count one per id), as <c>usage.prompt_tokens</c>.</param>
/// <param name="Dimensions">The length of each vector: <c>dimensions</c>, else the model's own.</param>
/// <param name="Base64">Whether <c>encoding_format</c> asked for base64: each vector's float32 values, little-endian, base64-encoded.</param>
internal sealed record EmbeddingsRequest(string Model, IReadOnlyList<ulong> InputKeys, int PromptTokens, int Dimensions, bool Base64);
