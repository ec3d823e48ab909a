using System.CommandLine;
using Ngdbt.Cli.Hosting;

namespace Ngdbt.Cli.Commands;

/// <summary>The flags every verb shares (dbt's global flags). Each read makes a new option: every command tree gets
/// its own (see <see cref="ParseValues"/>), and values are read by name.</summary>
internal static class CommonOptions
{
    public static Option<string> ProjectDir => new("--project-dir") { Description = "Folder holding project.yml (default: current folder)", DefaultValueFactory = _ => ".", Recursive = true };
    public static Option<string?> ProfilesDir => new("--profiles-dir") { Description = "Folder holding profiles.yml (default: the project folder, then ~/.ngdbt)", Recursive = true };
    public static Option<string?> Target => new("--target", "-t") { Description = "Target in the profile to use (default: the profile's 'target')", Recursive = true };
    public static Option<string?> Vars => new("--vars") { Description = "YAML mapping of variables, e.g. '{start_date: 2026-01-01}'", Recursive = true };
    public static Option<int?> Threads => new("--threads") { Description = "Number of nodes to run in parallel", Recursive = true };
    public static Option<string[]> Select => RefusingFlags(new("--select", "-s") { Description = "Nodes to include (dbt selector syntax)", AllowMultipleArgumentsPerToken = true });
    public static Option<string[]> Exclude => RefusingFlags(new("--exclude") { Description = "Nodes to exclude", AllowMultipleArgumentsPerToken = true });
    public static Option<bool> FullRefresh => new("--full-refresh") { Description = "Rebuild incremental models from scratch" };
    public static Option<bool> FailFast => new("--fail-fast", "-x") { Description = "Stop at the first failure" };
    public static Option<string?> State => new("--state") { Description = "A previous target/ folder: what state:modified/new/unmodified compare with, and what --defer reads" };
    public static Option<bool> Defer => new("--defer") { Description = "Refs to nodes neither selected nor built in this target read the --state's relations" };
    public static Option<string?> Sample => new("--sample") { Description = "Dev run on a time window: inputs with an event_time (sources: loaded_at_field) read only rows in it: '3 days', '12 hours' or START..END" };

    public static Option<bool> Empty => new("--empty") { Description = "Build models from zero-row inputs (refs and sources read no rows): checks SQL and contracts in seconds" };
    public static Option<bool> FavorState => new("--favor-state") { Description = "With --defer: read the state's relation even when this target has one" };

    private static Option<string[]> RefusingFlags(Option<string[]> option)
    {
        option.Validators.Add(RefuseFlags);
        return option;
    }

    /// <summary>Selectors never start with '-': such a token is a flag this verb does not have (a typo, or a flag of a
    /// later ngdbt), and must not silently become one more selector that matches nothing.</summary>
    private static void RefuseFlags(System.CommandLine.Parsing.OptionResult result)
    {
        foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
        {
            var known = (result.Parent as System.CommandLine.Parsing.CommandResult)?.Command.Options.SelectMany(o => o.Aliases.Append(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct() ?? [];
            result.AddError($"'{token.Value}' is not an option of this verb, and selectors never start with '-'{Load.Suggest.Hint(Load.Suggest.Closest(token.Value, known))}");
        }
    }

    public static void AddSelection(Command command, bool execution)
    {
        command.Options.Add(Select);
        command.Options.Add(Exclude);
        command.Options.Add(State);
        if (execution || command.Name == "compile")
        {
            command.Options.Add(Defer);
            command.Options.Add(FavorState);
        }

        if (execution)
        {
            command.Options.Add(Empty);
            command.Options.Add(Sample);
            command.Options.Add(FullRefresh);
            command.Options.Add(FailFast);
        }
    }
}
