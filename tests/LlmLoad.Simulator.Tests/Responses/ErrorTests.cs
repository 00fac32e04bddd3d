using System.Text.Json;
using LlmLoad.Simulator.Tests.TestSupport;

namespace LlmLoad.Simulator.Tests.Responses;

/// <summary>What the Responses API refuses, in OpenAI's error envelope with the parameter it names.</summary>
public sealed class ErrorTests
{
    [Theory]
    [InlineData("""{"input":"hi"}""", "model", "missing_required_parameter", "Missing required parameter: 'model'.")]
    [InlineData("""{"model":"m","input":"hi","max_output_tokens":15}""", "max_output_tokens", "integer_below_min_value", "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 15 instead.")]
    [InlineData("""{"model":"m","input":"hi","max_output_tokens":"many"}""", "max_output_tokens", "invalid_type", "Invalid type for 'max_output_tokens': expected an integer, but got a string instead.")]
    [InlineData("""{"model":"m","input":"hi","previous_response_id":"resp_123"}""", "previous_response_id", "previous_response_not_found", "Previous response with id 'resp_123' not found.")]
    [InlineData("""{"model":"m","input":[{"content":"hi"}]}""", "input[0].role", "missing_required_parameter", "Missing required parameter: 'input[0].role'.")]
    public async Task CreateResponse_InvalidBody_Returns400NamingTheParameter(string body, string param, string code, string message)
    {
        await using var server = await SimulatorServer.StartAsync(SimulatorClient.Instant);
        using var client = new SimulatorClient(server);

        using var response = await client.PostAsync(body, ResponsesWire.Path);

        Assert.Equal(400, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }
}
