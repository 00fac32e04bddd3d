namespace LlmLoad.Telemetry;

/// <summary>The live metrics could not be started as asked (a port already taken): said to the user as bad input.</summary>
internal sealed class LiveExportException(string message) : Exception(message);
