using System.Globalization;
using LlmLoad.Options;
using LlmLoad.Scenario;
using LlmLoad.Shared;

namespace LlmLoad.FindLimit;

/// <summary>
/// Reads find-limit's settings (the search's own: by, start, step-duration, max-time, max-requests, tolerance;
/// the rest as for a run) into the search and the run options every step shares, reporting every problem at once.
/// </summary>
internal sealed class FindLimitSettingsBuilder(ScenarioSettings flags)
{
    /// <summary>The SLO every search has when none is given: a load that fails requests is not sustainable.</summary>
    public const string DefaultSlo = "error_rate<1%";

    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    /// <summary>Scenario settings that the steps replace, by where they were given, for a note to the user.</summary>
    public IReadOnlyList<string> Ignored { get; private set; } = [];

    /// <returns>The search and the steps' options, or null; either way valid only when <see cref="Errors"/> is empty.</returns>
    public (FindLimitSettings Search, RunOptions Options)? Build(string? scenarioPath, Func<DateTimeOffset> now)
    {
        var search = new FindLimitSettings
        {
            By = flags.Read("by", ParseAxis, _errors) ?? LoadAxis.Rate,
            StepDuration = flags.Read("step-duration", SettingParsers.PositiveDuration, _errors) ?? FindLimitSettings.DefaultStepDuration,
            MaxTime = flags.Read("max-time", SettingParsers.PositiveDuration, _errors) ?? FindLimitSettings.DefaultMaxTime,
            MaxRequests = flags.Read("max-requests", SettingParsers.Count, _errors),
            Tolerance = flags.Read("tolerance", SettingParsers.Share, _errors) ?? FindLimitSettings.DefaultTolerance,
        };

        var settings = scenarioPath is null ? new ScenarioSettings() : ScenarioFile.Load(scenarioPath, _errors);
        if (settings.All("stage").Concat([settings["trace"]]).OfType<Setting>().FirstOrDefault() is { } shaped)
        {
            // The steps are the load profile here; a scenario's own would conflict with every step's rate.
            _errors.Add($"{shaped.Label}: find-limit sets each step's load itself; use a scenario without stages or a trace");
            return null;
        }

        ApplySearch(settings, search.By);
        var builder = new RunOptionsBuilder(settings);
        var options = builder.Build(scenarioPath, now);
        _errors.AddRange(builder.Errors);
        if (options is null)
        {
            return null;
        }

        search = search with
        {
            Start = search.By == LoadAxis.Rate ? options.Load.Rate!.Value : options.Load.Concurrency!.Value,
            StepGrace = options.Load.Grace,
            BudgetUsd = options.Cost.BudgetUsd,
        };
        CheckBudgets(search, options);
        return (search, options);
    }

    /// <summary>Merges the flags over the scenario, with the start load standing in for the axis's setting, and notes what the steps replace.</summary>
    private void ApplySearch(ScenarioSettings settings, LoadAxis axis)
    {
        Ignored = [.. new[] { "requests", "duration", axis == LoadAxis.Rate ? "rate" : "concurrency" }.Select(key => settings[key]?.Label).OfType<string>()];
        if (axis == LoadAxis.Concurrency && flags["concurrency"] is { } concurrency)
        {
            _errors.Add($"{concurrency.Label}: --by concurrency sets the concurrency of each step itself; use --start for the first");
        }

        if (axis == LoadAxis.Concurrency && settings["rate"] is { } rate)
        {
            _errors.Add($"{rate.Label}: --by concurrency runs a closed loop; remove the rate or search --by rate");
        }

        settings.OverrideWith(flags);
        // The builder validates the start as the axis's own setting (the steps then replace it), and an arrival
        // process is accepted because a rate is set.
        var start = flags["start"] ?? new Setting(FindLimitSettings.DefaultStart.ToString(CultureInfo.InvariantCulture), "--start");
        settings.Set(axis == LoadAxis.Rate ? "rate" : "concurrency", start);
        if (settings.All("slo").Count == 0)
        {
            settings.Add("slo", new Setting(DefaultSlo, "the default SLO"));
        }
    }

    private void CheckBudgets(FindLimitSettings search, RunOptions options)
    {
        if (options.Load.WarmupDuration >= search.StepDuration)
        {
            _errors.Add($"--warmup: {DurationText.Format(options.Load.WarmupDuration)} leaves nothing of a {DurationText.Format(search.StepDuration)} step to measure");
        }

        if (search.By == LoadAxis.Rate && double.IsPositiveInfinity(search.Start))
        {
            _errors.Add("--start: a step needs a finite rate, e.g. 10");
        }

        var step = search.StepDuration + search.StepGrace;
        if (search.MaxTime < step)
        {
            _errors.Add($"--max-time: {DurationText.Format(search.MaxTime)} is less than one step ({DurationText.Format(search.StepDuration)} and up to {DurationText.Format(search.StepGrace)} of grace)");
        }

        var first = Math.Ceiling(search.Start * search.StepDuration.TotalSeconds);
        if (search.By == LoadAxis.Rate && double.IsFinite(first) && search.MaxRequests < first)
        {
            _errors.Add(string.Create(CultureInfo.InvariantCulture, $"--max-requests: {search.MaxRequests} is less than the first step sends ({search.Start} req/s for {DurationText.Format(search.StepDuration)} = {first})"));
        }
    }

    private static LoadAxis? ParseAxis(string value) => value.ToLowerInvariant() switch
    {
        "rate" => LoadAxis.Rate,
        "concurrency" => LoadAxis.Concurrency,
        _ => throw new FormatException("expected rate or concurrency"),
    };
}
