namespace LlmLoad.Routing;

/// <summary>
/// Gateway mode (<c>served_by</c>): the response header, or the top-level field of a buffered JSON answer (<c>$.name</c>),
/// in which the user's gateway says which upstream served a request; its value becomes the record's <c>target</c>.
/// </summary>
internal sealed record ServedBy(string? Header, string? JsonField)
{
    public const string Expected = "header:NAME (a response header) or $.FIELD (a top-level field of the JSON answer)";

    public static ServedBy Parse(string value)
    {
        value = value.Trim();
        if (value.StartsWith("header:", StringComparison.OrdinalIgnoreCase) && value.Length > "header:".Length)
        {
            return new ServedBy(value["header:".Length..].Trim(), null);
        }

        if (value.StartsWith("$.", StringComparison.Ordinal) && value.Length > 2 && !value[2..].Contains('.', StringComparison.Ordinal))
        {
            return new ServedBy(null, value[2..]);
        }

        throw new FormatException("served_by: expected " + Expected);
    }

    public override string ToString() => Header is not null ? "header:" + Header : "$." + JsonField;
}
