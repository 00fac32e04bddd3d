using LlmLoad.Engine;

namespace LlmLoad.Providers;

/// <summary>Where the executor hands each finished exchange, and each arrival it never sent, for recording.</summary>
internal interface ICaptureSink
{
    void Finished(ScheduledRequest request, ResponseCapture capture);

    void Dropped(ScheduledRequest request);
}
