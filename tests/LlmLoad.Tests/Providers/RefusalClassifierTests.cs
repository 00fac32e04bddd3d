using System.Text;
using LlmLoad.Providers;

namespace LlmLoad.Tests.Providers;

/// <summary>Which limit a 429 hit, from the bodies the providers send (wire-formats.md) and, when the body does not say, the headers.</summary>
public sealed class RefusalClassifierTests
{
    [Theory]
    [InlineData("""{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on tokens per min (TPM): Limit 200000, Used 195869, Requested 4412. Please try again in 84ms.","type":"tokens","code":"rate_limit_exceeded"}}""", "tokens")]
    [InlineData("""{"error":{"message":"Rate limit reached for gpt-4o in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","code":"rate_limit_exceeded"}}""", "requests")]
    [InlineData("""{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}}""", "quota")]
    [InlineData("""{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 7 seconds."}}""", "tokens")]
    [InlineData("""{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second."}}""", "requests")]
    [InlineData("""{"type":"error","error":{"type":"rate_limit_error","message":"Number of concurrent connections has exceeded your rate limit. Please try again later or contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase."},"request_id":"req_1"}""", "concurrency")]
    [InlineData("""{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 16000 output tokens per minute."}}""", "output_tokens")]
    [InlineData("""{"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 80000 input tokens per minute."}}""", "input_tokens")]
    [InlineData("""{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count, limit: 1000","status":"RESOURCE_EXHAUSTED"}}""", "input_tokens")]
    [InlineData("""{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"violations":[{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel"}]}]}}""", "requests")]
    public void Classify_TheProvidersBodies_NameTheLimit(string body, string expected)
        => Assert.Equal(expected, RefusalClassifier.Classify(Encoding.UTF8.GetBytes(body), default).ToWireName());

    [Fact]
    public void Classify_AQuietBody_WithABucketAtZero_IsThatBucket()
        => Assert.Equal(RefusalKind.Tokens, RefusalClassifier.Classify("""{"error":{"message":"Too Many Requests"}}"""u8, new RateLimitObservation(100, 40, 10000, 0, null)));

    [Fact]
    public void Classify_AQuietBody_WithRoomInEveryBucket_IsTheConcurrencyCap()
        => Assert.Equal(RefusalKind.Concurrency, RefusalClassifier.Classify("""{"error":{"message":"Too Many Requests"}}"""u8, new RateLimitObservation(100, 40, 10000, 5000, null)));

    [Fact]
    public void Classify_AQuietBody_WithoutHeaders_IsUnknown()
        => Assert.Equal(RefusalKind.Unknown, RefusalClassifier.Classify("Too Many Requests"u8, default));
}
