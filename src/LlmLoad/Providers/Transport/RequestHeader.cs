using System.Text.RegularExpressions;

namespace LlmLoad.Providers.Transport;

/// <summary>One extra request header (<c>--header 'Name: value'</c>); the value may hold a secret and is never printed.</summary>
internal sealed partial record RequestHeader(string Name, string Value)
{
    public override string ToString() => Name + ": ***";

    /// <summary>
    /// Reads <c>Name: value</c>, where <c>${VAR}</c> in the value is the environment variable's value: a secret
    /// belongs in the environment, never in a scenario file or a shell history.
    /// </summary>
    /// <exception cref="FormatException">Not <c>Name: value</c>, a name HTTP does not allow, or a variable that is not set.</exception>
    public static RequestHeader Parse(string text, Func<string, string?> environment)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? "" : text[..colon].Trim();
        if (name.Length == 0 || !TokenName().IsMatch(name))
        {
            throw new FormatException("expected 'Name: value' with a header name of letters, digits and -, e.g. 'X-Tenant: acme' or 'Authorization: Bearer ${APP_TOKEN}'");
        }

        var missing = new List<string>();
        var value = Variable().Replace(text[(colon + 1)..].Trim(), match =>
        {
            var variable = match.Groups[1].Value;
            var found = environment(variable);
            if (found is null)
            {
                missing.Add(variable);
            }

            return found ?? "";
        });
        return missing.Count > 0
            ? throw new FormatException($"header {name}: environment variable {string.Join(", ", missing)} is not set")
            : new RequestHeader(name, value);
    }

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex TokenName();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();
}
