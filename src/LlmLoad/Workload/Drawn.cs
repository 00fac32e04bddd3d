using System.Collections.Concurrent;
using System.Globalization;

namespace LlmLoad.Workload;

/// <summary>One request's draws: the random stream (positioned for its words), category, corpus entry if any, and lengths.</summary>
internal sealed record Drawn(Random Random, string? Category, CorpusEntry? Entry, int Input, int Output);
