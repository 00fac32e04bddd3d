using System.Net;
using System.Text;
using System.Text.Json;
using LlmLoad.Simulator.Faults;
using Microsoft.AspNetCore.Http;

namespace LlmLoad.Simulator.Tests.Faults;

public sealed class FaultAdminEndpointTests
{
    private const string Route = "admin/faults";

    [Fact]
    public async Task Get_StartRules_ReportsUptimeAndRules()
    {
        await using var host = await FaultAdminHost.StartAsync(FaultRuleText.Parse("503,from=60s,until=120s"));

        using var response = await host.Client.GetAsync(Route);
        var body = await ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.GetProperty("uptime_s").GetDouble() >= 0);
        Assert.Equal(
            """[{"kind":"503","probability":1,"from":"60s","until":"120s"}]""",
            body.GetProperty("faults").GetRawText());
    }

    [Fact]
    public async Task Put_Rules_ReplacesThePlan()
    {
        await using var host = await FaultAdminHost.StartAsync(FaultRuleText.Parse("500"));

        using var response = await host.Client.PutAsync(Route, Json("""{"faults":[{"kind":"429","probability":0.05},{"kind":"stall","for":"5s","after":3}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([FaultRuleText.Parse("429,p=0.05"), FaultRuleText.Parse("stall,for=5s,after=3")], host.Plan.Rules);
        Assert.Equal(2, (await ReadJsonAsync(response)).GetProperty("faults").GetArrayLength());
    }

    [Fact]
    public async Task Post_Rule_AppendsIt()
    {
        await using var host = await FaultAdminHost.StartAsync(FaultRuleText.Parse("500"));

        using var response = await host.Client.PostAsync(Route, Json("""{"kind":"cut","probability":0.1}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([FaultRuleText.Parse("500"), FaultRuleText.Parse("cut,p=0.1")], host.Plan.Rules);
    }

    [Fact]
    public async Task Delete_ClearsThePlan()
    {
        await using var host = await FaultAdminHost.StartAsync(FaultRuleText.Parse("500"));

        using var response = await host.Client.DeleteAsync(Route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Plan.Rules);
        Assert.Equal(0, (await ReadJsonAsync(response)).GetProperty("faults").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"faults":[{"kind":"stall"}]}""", "faults[0]: fault 'stall': \"for\" is required for stall (how long no bytes are sent, e.g. \"for\":\"5s\")")]
    [InlineData("""{"faults":[{"kind":"504"}]}""", "faults[0]: fault: unknown kind '504'; expected one of 429, 500, 503, 529, reset, slow_headers, cut, stall, malformed, error_event")]
    [InlineData("""[]""", "expected {\"faults\":[…]} with one object per rule")]
    public async Task Put_InvalidRules_Returns400WithTheMessageAndKeepsThePlan(string json, string message)
    {
        var original = FaultRuleText.Parse("500");
        await using var host = await FaultAdminHost.StartAsync(original);

        using var response = await host.Client.PutAsync(Route, Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await ReadJsonAsync(response)).GetProperty("error").GetString());
        Assert.Equal([original], host.Plan.Rules);
    }

    [Theory]
    [InlineData("{\"kind\":")]
    [InlineData("")]
    public async Task Post_NotJson_Returns400(string body)
    {
        await using var host = await FaultAdminHost.StartAsync();

        using var response = await host.Client.PostAsync(Route, Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("the request body is not valid JSON: ", (await ReadJsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Plan.Rules);
    }

    [Fact]
    public async Task Post_InvalidRule_Returns400WithTheMessage()
    {
        await using var host = await FaultAdminHost.StartAsync();

        using var response = await host.Client.PostAsync(Route, Json("""{"kind":"429","probability":1.5}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("fault '429': \"probability\":1.5: expected a probability in (0, 1]", (await ReadJsonAsync(response)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData(null)]
    public async Task Put_RemoteCaller_Returns403AndKeepsThePlan(string? remote)
    {
        var original = FaultRuleText.Parse("500");
        var plan = new FaultPlan([original], 0);
        var context = Context(remote, """{"faults":[]}""");

        await FaultAdminEndpoint.PutAsync(context, plan);

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Contains("loopback", ReadBody(context), StringComparison.Ordinal);
        Assert.Equal([original], plan.Rules);
    }

    [Fact]
    public async Task GetPostDelete_RemoteCaller_Return403()
    {
        var plan = new FaultPlan([FaultRuleText.Parse("500")], 0);

        var get = Context("192.0.2.1", "");
        await FaultAdminEndpoint.GetAsync(get, plan);
        var post = Context("192.0.2.1", """{"kind":"503"}""");
        await FaultAdminEndpoint.PostAsync(post, plan);
        var delete = Context("192.0.2.1", "");
        await FaultAdminEndpoint.DeleteAsync(delete, plan);

        Assert.All([get, post, delete], context => Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode));
        Assert.Single(plan.Rules);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Delete_LoopbackCaller_IsServed(string remote)
    {
        var plan = new FaultPlan([FaultRuleText.Parse("500")], 0);
        var context = Context(remote, "");

        await FaultAdminEndpoint.DeleteAsync(context, plan);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Empty(plan.Rules);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static DefaultHttpContext Context(string? remote, string body)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string ReadBody(DefaultHttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
