namespace LlmLoad.Simulator.Faults;

/// <summary>
/// How error messages name fields and values, so that a message quotes what the user actually typed:
/// <c>p=1.5</c> to the <c>--fault</c> option, <c>"probability":1.5</c> to the admin endpoint.
/// </summary>
internal sealed class FaultSyntax
{
    public static readonly FaultSyntax Text = new(isJson: false);
    public static readonly FaultSyntax Json = new(isJson: true);

    private readonly bool _isJson;

    private FaultSyntax(bool isJson) => _isJson = isJson;

    public static string TextName(FaultField field) => field switch
    {
        FaultField.Probability => "p",
        FaultField.From => "from",
        FaultField.Until => "until",
        FaultField.For => "for",
        _ => "after",
    };

    public static string JsonName(FaultField field) => field == FaultField.Probability ? "probability" : TextName(field);

    public string Name(FaultField field) => _isJson ? JsonName(field) : TextName(field);

    /// <summary>A reference to a field as the user writes it: <c>'for='</c> or <c>"for"</c>.</summary>
    public string Field(FaultField field) => _isJson ? $"\"{Name(field)}\"" : $"'{Name(field)}='";

    /// <summary>A field with its value: <c>for=5s</c> or <c>"for":"5s"</c> (durations are strings in JSON).</summary>
    public string Value(FaultField field, string value)
    {
        if (!_isJson)
        {
            return $"{Name(field)}={value}";
        }

        var isDuration = field is FaultField.From or FaultField.Until or FaultField.For;
        return isDuration ? $"\"{Name(field)}\":\"{value}\"" : $"\"{Name(field)}\":{value}";
    }
}
