using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Embeddings;

/// <summary>
/// The answer to an embeddings request: <c>{"object":"list","data":[{"object":"embedding","index":i,"embedding":…}],
/// "model":…,"usage":{"prompt_tokens":N,"total_tokens":N}}</c>, one item per input in the order sent. An embedding is
/// an array of floats, or with <c>encoding_format: base64</c> the base64 of its float32 values, little-endian.
/// </summary>
internal static class EmbeddingsBody
{
    public static ArrayBufferWriter<byte> Build(EmbeddingsRequest request, CompletionPlan plan, int seed)
    {
        var perVector = request.Base64 ? (request.Dimensions * 4 * 4 / 3) + 8 : request.Dimensions * 12;
        var body = new ArrayBufferWriter<byte>((request.InputKeys.Count * (perVector + 64)) + 256);
        using var json = new Utf8JsonWriter(body);
        var vector = new float[request.Dimensions];
        var bytes = request.Base64 ? new byte[request.Dimensions * sizeof(float)] : [];
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        for (var i = 0; i < request.InputKeys.Count; i++)
        {
            EmbeddingVector.Fill(vector, request.InputKeys[i], seed);
            json.WriteStartObject();
            json.WriteString("object", "embedding");
            json.WriteNumber("index", i);
            if (request.Base64)
            {
                WriteLittleEndian(vector, bytes);
                json.WriteBase64String("embedding", bytes);
            }
            else
            {
                json.WriteStartArray("embedding");
                foreach (var value in vector)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("model", plan.Model);
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", plan.PromptTokens);
        json.WriteNumber("total_tokens", plan.PromptTokens);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        return body;
    }

    private static void WriteLittleEndian(float[] vector, byte[] bytes)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(vector.AsSpan()).CopyTo(bytes);
            return;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }
    }
}
