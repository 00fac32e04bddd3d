using System.Security.Cryptography;
using System.Text;
using LlmLoad.Simulator.Generation;

namespace LlmLoad.Simulator.Messages;

/// <summary>
/// The <c>signature</c> of a thinking block: opaque base64 to a client, which must only pass it back. Derived from the
/// response id, so it takes nothing from the request's random stream and leaves its words and timings as they were.
/// </summary>
internal static class ThinkingSignature
{
    public static string For(CompletionPlan plan) => Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes(plan.Id)));
}
