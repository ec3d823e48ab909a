using System.CommandLine;
using Ngdbt.Cli.Commands;

namespace Ngdbt.Cli;

internal static class Program
{
    public static int Main(string[] args) => Run(Parse(args));

    /// <summary>Usage errors (unknown verb, bad option value) exit with 2, like project errors, and say what was wrong.</summary>
    internal static int Run(ParseResult parse, InvocationConfiguration? configuration = null)
    {
        if (parse.Errors.Count == 0)
        {
            return configuration is null ? parse.Invoke() : parse.Invoke(configuration);
        }

        var error = configuration?.Error ?? Console.Error;
        foreach (var e in parse.Errors)
        {
            error.WriteLine($"ngdbt: error NG0041: {e.Message}");
        }

        error.WriteLine("Run 'ngdbt --help' for the verbs and options.");
        return Cli.Commands.Session.ExitUsage;
    }

    /// <summary>Response files are off: `@model` is dbt's selector syntax, not a file to expand.</summary>
    internal static ParseResult Parse(string[] args) => BuildRoot().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("ngdbt: SQL models, tests and lineage docs on embedded DuckDB");
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
        root.Subcommands.Add(DocsCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(DashboardCommand.CreateServe());
        root.Subcommands.Add(DashboardCommand.CreateDashboard());
        return root;
    }
}
