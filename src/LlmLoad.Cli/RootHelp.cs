using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace LlmLoad.Cli;

/// <summary>
/// <c>llmload --help</c> lists the commands one line each; a command's own help (<c>llmload run --help</c>)
/// keeps its full text. The help option is shared by every command, so this action renders the root's help
/// with each command's one-line summary in place of its description, and any other help as it is.
/// </summary>
internal sealed class RootHelp(HelpAction help, IReadOnlyDictionary<string, string> summaries) : SynchronousCommandLineAction
{
    /// <summary>Gives <paramref name="root"/>'s help option this action; <paramref name="summaries"/> maps a command's name to its line.</summary>
    public static void Install(RootCommand root, IReadOnlyDictionary<string, string> summaries)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new RootHelp((HelpAction)option.Action!, summaries);
    }

    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command is not RootCommand root)
        {
            return help.Invoke(parseResult);
        }

        var full = root.Subcommands.ToDictionary(c => c, c => c.Description);
        try
        {
            foreach (var command in root.Subcommands)
            {
                command.Description = summaries.TryGetValue(command.Name, out var summary) ? summary : command.Description;
            }

            return help.Invoke(parseResult);
        }
        finally
        {
            foreach (var (command, description) in full)
            {
                command.Description = description;
            }
        }
    }
}
