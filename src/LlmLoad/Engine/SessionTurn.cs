
namespace LlmLoad.Engine;

/// <summary>Turn <see cref="Turn"/> (from 1) of the <see cref="Turns"/> of session <see cref="Id"/>.</summary>
internal readonly record struct SessionTurn(long Id, int Turn, int Turns);
