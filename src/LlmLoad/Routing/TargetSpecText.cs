using System.Globalization;

namespace LlmLoad.Routing;

/// <summary>
/// The text of a target: <c>NAME[=URL][,weight=80][,role=fallback][,provider=P][,model=M][,api_key_env=VAR][,served_by=header:x-served-by]</c>.
/// A scenario's <c>targets:</c> item (a mapping of the same keys, <c>name</c> and <c>url</c> among them) is read into the same form.
/// </summary>
internal static class TargetSpecText
{
    public const string Form = "NAME[=URL][,weight=80][,role=primary|fallback][,provider=P][,model=M][,api_key_env=VAR][,served_by=header:NAME]";

    public const double DefaultWeight = 1;

    /// <exception cref="FormatException">What is wrong, naming the part.</exception>
    public static TargetSpec Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        string? name = null;
        Uri? url = null;
        var role = TargetRole.Primary;
        var weight = DefaultWeight;
        string? provider = null, model = null, keyEnv = null;
        ServedBy? servedBy = null;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? "" : part[..equals].Trim().ToLowerInvariant();
            var value = equals < 0 ? part : part[(equals + 1)..].Trim();
            switch (key)
            {
                case "name":
                    name = value;
                    break;
                case "url":
                    url = ParseUrl(value);
                    break;
                case "weight":
                    weight = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w >= 0 && double.IsFinite(w)
                        ? w
                        : throw new FormatException($"weight={value}: expected a share of the traffic, 0 or more (80 and 20 split it 80/20)");
                    break;
                case "role":
                    role = value.ToLowerInvariant() switch
                    {
                        "primary" => TargetRole.Primary,
                        "fallback" => TargetRole.Fallback,
                        _ => throw new FormatException($"role={value}: expected primary or fallback"),
                    };
                    break;
                case "provider":
                    provider = value;
                    break;
                case "model":
                    model = value;
                    break;
                case "api_key_env" or "api-key-env":
                    keyEnv = value;
                    break;
                case "served_by" or "served-by":
                    servedBy = ServedBy.Parse(value);
                    break;
                default:
                    if (i != 0)
                    {
                        throw new FormatException($"'{part}': expected key=value with a key of name, url, weight, role, provider, model, api_key_env or served_by, as in {Form}");
                    }

                    // The first part is the name, or NAME=URL.
                    name = equals < 0 ? part : part[..equals].Trim();
                    url = equals < 0 ? null : ParseUrl(value);
                    break;
            }
        }

        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new FormatException($"expected {Form}, where NAME is letters, digits, '-', '_' or '.'");
        }

        return new TargetSpec(name, url, role, weight) { Provider = provider, Model = model, ApiKeyEnv = keyEnv, ServedBy = servedBy };
    }

    private static Uri ParseUrl(string value)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"url {value}: expected an absolute http:// or https:// URL");
}
