namespace LlmLoad.Traffic;

/// <summary>
/// The stages of a run, placed one after the other, and the load curve they make together. Every
/// stage with a level speaks the same unit: arrivals per second (open model) or users (closed model).
/// </summary>
internal sealed class StagePlan
{
    /// <summary>The built-in day: quietest at 04:00, busiest at 16:00, a raised cosine between them.</summary>
    private const double TroughHour = 4;

    private StagePlan(LoadUnit unit, IReadOnlyList<Stage> stages, LoadCurve curve)
    {
        Unit = unit;
        Stages = stages;
        Curve = curve;
    }

    public LoadUnit Unit { get; }

    public IReadOnlyList<Stage> Stages { get; }

    public LoadCurve Curve { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds(Curve.TotalSeconds);

    /// <summary>The stage running at <paramref name="seconds"/> from the start (the last one after the end).</summary>
    public Stage At(double seconds)
    {
        for (var i = Stages.Count - 1; i > 0; i--)
        {
            if (seconds >= Stages[i].StartSeconds)
            {
                return Stages[i];
            }
        }

        return Stages[0];
    }

    /// <summary>Places the stages in time, each duration multiplied by <paramref name="timeScale"/>; adds a message per problem to <paramref name="errors"/>.</summary>
    public static StagePlan? Build(IReadOnlyList<StageSpec> specs, double timeScale, List<string> errors)
    {
        var before = errors.Count;
        var unit = specs.Select(s => s.From?.Unit ?? s.To?.Unit).FirstOrDefault(u => u is not null);
        if (unit is null)
        {
            errors.Add("stages: no stage sets a level (a rate such as 20/s or a number of users); burst and pause only change one");
            return null;
        }

        var stages = new List<Stage>();
        var segments = new List<LoadSegment>();
        var names = new StageNames();
        double start = 0, current = 0;
        foreach (var spec in specs)
        {
            if ((spec.From?.Unit ?? spec.To?.Unit) is { } own && own != unit)
            {
                errors.Add($"{spec.Source}: every stage of a run is in {Describe(unit.Value)} like the first; mixing rates and users is not supported");
                continue;
            }

            if (spec.Think is not null && unit != LoadUnit.Users)
            {
                errors.Add($"{spec.Source}: think time belongs to users (closed model); with a rate, arrivals do not wait for responses");
            }

            var seconds = spec.Duration.TotalSeconds * timeScale;
            var stageSegments = Segments(spec, seconds, current, errors);
            var name = names.Take(spec, errors);
            stages.Add(new Stage(name, spec.Kind, spec.Role, start, seconds, spec.Think, stageSegments));
            segments.AddRange(stageSegments);
            start += seconds;
            current = spec.Kind == StageKind.Pause || stageSegments.Count == 0 ? current : stageSegments[^1].To;
        }

        return errors.Count > before ? null : new StagePlan(unit.Value, stages, new LoadCurve(segments));
    }

    private static List<LoadSegment> Segments(StageSpec spec, double seconds, double current, List<string> errors)
    {
        switch (spec.Kind)
        {
            case StageKind.Ramp:
                return [new LoadSegment(seconds, spec.From?.Value ?? current, spec.To!.Value.Value, spec.Exponential)];
            case StageKind.Hold:
                return [new LoadSegment(seconds, spec.From!.Value.Value, spec.From.Value.Value)];
            case StageKind.Burst when current <= 0:
                errors.Add($"{spec.Source}: a burst multiplies the level of the stage before it (pauses aside), and there is none above zero");
                return [];
            case StageKind.Burst:
                return [new LoadSegment(seconds, current * spec.Factor, current * spec.Factor)];
            case StageKind.Diurnal:
                return Day(spec, seconds);
            default:
                return [new LoadSegment(seconds, 0, 0)];
        }
    }

    /// <summary>24 hours compressed into the stage: hourly steps of the user's weights, or the built-in curve between hourly points.</summary>
    private static List<LoadSegment> Day(StageSpec spec, double seconds)
    {
        var peak = spec.From!.Value.Value;
        var hour = seconds / 24;
        if (spec.Weights is { } weights)
        {
            var heaviest = weights.Max();
            return [.. weights.Select(w => new LoadSegment(hour, peak * w / heaviest, peak * w / heaviest))];
        }

        var trough = spec.To?.Value ?? peak / spec.Ratio!.Value;
        double At(int h) => trough + ((peak - trough) * (1 - Math.Cos(2 * Math.PI * (h - TroughHour) / 24)) / 2);
        return [.. Enumerable.Range(0, 24).Select(h => new LoadSegment(hour, At(h), At(h + 1)))];
    }

    private static string Describe(LoadUnit unit) => unit == LoadUnit.Rate ? "arrivals per second" : "users";

    /// <summary>Explicit names must be unique; default names are the role or kind, numbered from the second of a kind (hold, hold-2).</summary>
    private sealed class StageNames
    {
        private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

        public string Take(StageSpec spec, List<string> errors)
        {
            if (spec.Name is { } name)
            {
                if (!_taken.Add(name))
                {
                    errors.Add($"{spec.Source}: another stage is already named '{name}'");
                }

                return name;
            }

            var stem = spec.Role == StageRole.Measured ? spec.Kind.ToString().ToLowerInvariant() : spec.Role.ToString().ToLowerInvariant();
            var candidate = stem;
            for (var n = 2; !_taken.Add(candidate); n++)
            {
                candidate = $"{stem}-{n}";
            }

            return candidate;
        }
    }
}
