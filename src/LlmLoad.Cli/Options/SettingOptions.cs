using System.CommandLine;
using LlmLoad.Shared;

namespace LlmLoad.Cli.Options;

/// <summary>
/// The one binder from command-line options to settings. Every option added here is read back under its
/// setting key (the option name without dashes) with the flag as its label, so that flags override a
/// scenario or profile file key by key, and every error names the flag the value came from.
/// </summary>
internal sealed class SettingOptions(Command command)
{
    private readonly List<(string Key, Option<string?> Option)> _values = [];
    private readonly List<(string Key, Option<string[]> Option)> _lists = [];
    private readonly List<(string Key, Option<bool> Option)> _switches = [];
    private (Option<bool> On, Option<bool> Off)? _stream;

    /// <summary>One text option per row, in the table's order.</summary>
    public SettingOptions Values(IEnumerable<(string Name, string Description)> table)
    {
        foreach (var (name, description) in table)
        {
            Value(name, description);
        }

        return this;
    }

    /// <param name="defaultValue">Shown in the help and read as given when the flag is absent; null for none.</param>
    public SettingOptions Value(string name, string description, string? defaultValue = null)
    {
        var option = new Option<string?>("--" + name) { Description = description };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        _values.Add((name, Add(option)));
        return this;
    }

    /// <summary>A repeatable option, one value per occurrence; given on the command line it replaces the file's whole list.</summary>
    public SettingOptions List(string name, string description, string? key = null)
    {
        _lists.Add((key ?? name, Add(new Option<string[]>("--" + name) { Description = description, AllowMultipleArgumentsPerToken = false })));
        return this;
    }

    /// <summary>A flag without a value that sets its key to <c>true</c>.</summary>
    public SettingOptions Switch(string name, string description)
    {
        _switches.Add((name, Add(new Option<bool>("--" + name) { Description = description })));
        return this;
    }

    /// <summary><c>--stream</c> and <c>--no-stream</c>, the one setting <c>stream</c>; both together is an error.</summary>
    public SettingOptions StreamSwitches()
    {
        _stream = (Add(new Option<bool>("--stream") { Description = "stream responses over SSE (default: on)" }),
            Add(new Option<bool>("--no-stream") { Description = "ask for buffered responses instead of a stream" }));
        return this;
    }

    /// <summary>The settings the flags given set, or the conflict between two of them.</summary>
    public (ScenarioSettings Flags, string? Error) Read(ParseResult parse)
    {
        var flags = new ScenarioSettings();
        foreach (var (key, option) in _values)
        {
            if (parse.GetValue(option) is { } value)
            {
                flags.Set(key, new Setting(value, option.Name));
            }
        }

        foreach (var (key, option) in _lists)
        {
            foreach (var value in parse.GetValue(option) ?? [])
            {
                flags.Add(key, new Setting(value, option.Name));
            }
        }

        foreach (var (key, option) in _switches)
        {
            if (parse.GetValue(option))
            {
                flags.Set(key, new Setting("true", option.Name));
            }
        }

        if (_stream is var (on, off))
        {
            var (stream, noStream) = (parse.GetValue(on), parse.GetValue(off));
            if (stream && noStream)
            {
                return (flags, "--stream, --no-stream: give one or the other");
            }

            if (stream || noStream)
            {
                flags.Set("stream", new Setting(stream ? "true" : "false", stream ? "--stream" : "--no-stream"));
            }
        }

        return (flags, null);
    }

    private T Add<T>(T option)
        where T : Option
    {
        command.Add(option);
        return option;
    }
}
