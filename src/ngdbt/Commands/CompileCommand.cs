using System.CommandLine;
using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Cli.Output;
using Ngdbt.Manifest;
using Ngdbt.Diagnostics;

namespace Ngdbt.Cli.Commands;

internal static class CompileCommand
{
    public static Command Create()
    {
        var command = new Command("compile", "Render every selected model and test to SQL under target/compiled");
        CommonOptions.AddSelection(command, execution: false);
        command.Options.Add(CommonOptions.FullRefresh);
        command.SetAction(parse => Run(parse, new ConsoleOutput()));
        return command;
    }

    public static int Run(ParseResult parse, ConsoleOutput output)
    {
        var session = Session.Open(parse, output);
        var selected = session?.Selection(ResourceType.Model, ResourceType.Test, ResourceType.Snapshot);
        if (session is null || selected is null)
        {
            return Session.ExitUsage;
        }

        try
        {
            var outcome = CliAdapters.Engine.CompileProject(session.Opened, selected, parse.GetValue(CommonOptions.FullRefresh), Session.Version, new RunReporter(output), session.Defer);
            var (compiled, guarded) = (outcome.Compiled, outcome.Guarded);
            if (parse.GetValue(CommonOptions.Select) is { Length: > 0 } && compiled.Nodes.Count == 1)
            {
                output.Raw(compiled.Nodes.Values.Single().Sql);
            }

            output.Line($"Compiled {compiled.Nodes.Count} nodes to {Path.Combine(session.Project.Config.TargetPath, "compiled")}");
            return compiled.Success && guarded ? Session.ExitOk : Session.ExitUsage;
        }
        catch (AdapterSqlException e)
        {
            output.Line($"{session.Project.Target.File}: error {DiagnosticCodes.ConnectionError}: {e.Message}", "red");
            return Session.ExitUsage;
        }
    }
}
