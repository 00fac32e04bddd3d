namespace LlmLoad.Providers.Transport;

/// <summary>One extra request header (<c>--header 'Name: value'</c>); the value may hold a secret and is never printed.</summary>
internal sealed record RequestHeader(string Name, string Value)
{
    public override string ToString() => Name + ": ***";
}
