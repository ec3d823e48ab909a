using System.CommandLine;

namespace Ngdbt.Cli.Commands;

/// <summary>The flags every verb shares (dbt's global flags).</summary>
internal static class CommonOptions
{
    public static readonly Option<string> ProjectDir = new("--project-dir") { Description = "Folder holding project.yml (default: current folder)", DefaultValueFactory = _ => ".", Recursive = true };
    public static readonly Option<string?> ProfilesDir = new("--profiles-dir") { Description = "Folder holding profiles.yml (default: the project folder, then ~/.ngdbt)", Recursive = true };
    public static readonly Option<string?> Target = new("--target", "-t") { Description = "Target in the profile to use (default: the profile's 'target')", Recursive = true };
    public static readonly Option<string?> Vars = new("--vars") { Description = "YAML mapping of variables, e.g. '{start_date: 2026-01-01}'", Recursive = true };
    public static readonly Option<int?> Threads = new("--threads") { Description = "Number of nodes to run in parallel", Recursive = true };
    public static readonly Option<string[]> Select = new("--select", "-s") { Description = "Nodes to include (dbt selector syntax)", AllowMultipleArgumentsPerToken = true };
    public static readonly Option<string[]> Exclude = new("--exclude") { Description = "Nodes to exclude", AllowMultipleArgumentsPerToken = true };
    public static readonly Option<bool> FullRefresh = new("--full-refresh") { Description = "Rebuild incremental models from scratch" };
    public static readonly Option<bool> FailFast = new("--fail-fast", "-x") { Description = "Stop at the first failure" };

    public static void AddSelection(Command command, bool execution)
    {
        command.Options.Add(Select);
        command.Options.Add(Exclude);
        if (execution)
        {
            command.Options.Add(FullRefresh);
            command.Options.Add(FailFast);
        }
    }
}
