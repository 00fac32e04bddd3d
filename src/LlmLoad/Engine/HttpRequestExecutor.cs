using LlmLoad.Providers;
using LlmLoad.Recording;
using LlmLoad.Workload;

namespace LlmLoad.Engine;

/// <summary>The real executor: synthetic prompt in, HTTP exchange, capture handed to the recorder.</summary>
internal sealed class HttpRequestExecutor(SyntheticPrompts prompts, IWireFormat format, string model, bool stream, RequestSender sender, RunRecorder recorder)
    : IRequestExecutor
{
    public PreparedRequest Prepare(long seq, int? inputTokens = null, int? outputTokens = null)
    {
        var plan = prompts.Create(seq, inputTokens, outputTokens);
        return new PreparedRequest(plan, format.BuildBody(model, plan.Prompt, plan.MaxOutputTokens, stream));
    }

    public async Task ExecuteAsync(ScheduledRequest request, CancellationToken abort)
    {
        var capture = await sender.SendAsync(request.Request.Body, abort).ConfigureAwait(false);
        recorder.Post(request, capture);
    }

    public void Dropped(ScheduledRequest request) => recorder.PostDropped(request);
}
