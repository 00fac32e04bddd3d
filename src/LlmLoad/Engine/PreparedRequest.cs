using LlmLoad.Workload;

namespace LlmLoad.Engine;

/// <summary>A request prepared before its send time: its content and the serialized body.</summary>
internal sealed record PreparedRequest(PromptPlan Plan, byte[] Body);
