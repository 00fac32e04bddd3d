namespace LlmLoad.Runs;

/// <summary>Where one named target of a routed run is reached, and whether it is a simulator (its outages are then made on the server).</summary>
internal sealed record TargetEndpoint(Uri Url, bool Simulator, bool Embedded);
