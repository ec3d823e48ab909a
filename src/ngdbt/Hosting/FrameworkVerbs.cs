using System.CommandLine;
using Ngdbt.Cli.Commands;

namespace Ngdbt.Cli.Hosting;

/// <summary>ngdbt's own verbs and global options: everything a host starts from.</summary>
internal static class FrameworkVerbs
{
    public static RootCommand Build(string description)
    {
        var root = new RootCommand(description);
        foreach (var option in new Option[] { CommonOptions.ProjectDir, CommonOptions.ProfilesDir, CommonOptions.Target, CommonOptions.Vars, CommonOptions.Threads })
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(CompileCommand.Create());
        root.Subcommands.Add(ExecuteCommand.Create("run", "Build the selected models", Manifest.ResourceType.Model));
        root.Subcommands.Add(ExecuteCommand.Create("seed", "Load CSV seeds", Manifest.ResourceType.Seed));
        root.Subcommands.Add(ExecuteCommand.Create("test", "Run data tests and unit tests", Manifest.ResourceType.Test, Manifest.ResourceType.UnitTest));
        root.Subcommands.Add(ExecuteCommand.Create("snapshot", "Run snapshots", Manifest.ResourceType.Snapshot));
        root.Subcommands.Add(ExecuteCommand.Create("build", "Seeds, models, snapshots and tests in DAG order", Manifest.ResourceType.Seed, Manifest.ResourceType.Model, Manifest.ResourceType.Snapshot, Manifest.ResourceType.Test, Manifest.ResourceType.UnitTest));
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(DebugCommand.Create());
        root.Subcommands.Add(CleanCommand.Create());
        root.Subcommands.Add(DepsCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(DocsCommand.Create());
        root.Subcommands.Add(FingerprintCommand.Create());
        root.Subcommands.Add(RetryCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(SourceCommand.Create());
        return root;
    }
}
