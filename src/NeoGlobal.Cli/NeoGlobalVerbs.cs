using System.CommandLine;
using Ngdbt.Cli.Hosting;

namespace NeoGlobal.Cli;

/// <summary>NeoGlobal's verbs on the framework's root command: the data generator and the leakage dashboard. They
/// read the framework's global options (--project-dir, the profile) through <see cref="CliVerbs"/>.</summary>
internal sealed class NeoGlobalVerbs : ICliExtension
{
    public void Register(RootCommand root)
    {
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(DashboardCommand.CreateServe());
        root.Subcommands.Add(DashboardCommand.CreateDashboard());
    }
}
