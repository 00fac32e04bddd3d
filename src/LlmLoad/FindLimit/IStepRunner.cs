using LlmLoad.Runs;

namespace LlmLoad.FindLimit;

/// <summary>Runs one step of the search; the real one drives a <see cref="LoadRun"/>, tests drive a model of a server.</summary>
internal interface IStepRunner
{
    /// <summary>Runs the step to its end (or to an interrupt, which the measurement then says) and measures it.</summary>
    Task<StepMeasurement> RunAsync(StepPlan plan, CancellationToken interrupt);
}
