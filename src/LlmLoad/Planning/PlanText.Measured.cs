using System.Text;

namespace LlmLoad.Planning;

/// <summary>The "Measured" block of a plan from a run: each figure, its value, and the file and field it came from.</summary>
internal static partial class PlanText
{
    private static void AppendMeasured(StringBuilder text, PlanInputs inputs)
    {
        if (inputs.Measured is not { } measured)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine($"Measured ({measured.Directory})");
        var width = measured.Sources.Max(s => s.Figure.Length) + 2;
        foreach (var source in measured.Sources)
        {
            text.AppendLine($"  {(source.Figure + ":").PadRight(width)}{source.Value}");
            text.AppendLine($"  {"".PadRight(width)}  ← {source.File} {source.Field}");
        }
    }
}
