using Ngdbt.Diagnostics;
using System.CommandLine;
using Ngdbt.Adapters;
using Ngdbt.Cli.Output;

namespace Ngdbt.Cli.Commands;

internal static class DebugCommand
{
    public static Command Create()
    {
        var command = new Command("debug", "Check the project, the profile and the database connection");
        command.SetAction(parse => Run(parse, new ConsoleOutput()));
        return command;
    }

    public static int Run(ParseResult parse, ConsoleOutput output)
    {
        output.Line($"ngdbt version: {Session.Version}");
        output.Line($".NET runtime: {Environment.Version}");
        var project = Session.LoadProject(parse, output);
        if (project is null)
        {
            output.Line("project.yml / profiles.yml: ERROR", "red");
            return Session.ExitUsage;
        }

        output.Line($"project.yml: OK ({project.Config.Name} {project.Config.Version}, {project.Files.Count} files)", "green");
        output.Line($"profiles.yml: OK ({project.Target.File}, profile '{project.Target.ProfileName}', target '{project.Target.TargetName}')", "green");
        foreach (var (key, value) in project.Target.Describe())
        {
            output.Line($"  {key}: {value}");
        }

        try
        {
            using var adapter = CliAdapters.Engine.OpenAdapter(project);
            using var connection = adapter.Connect();
            output.Line($"Connection: OK ({connection.ServerVersion()})", "green");
            output.Line("All checks passed!", "green");
            return Session.ExitOk;
        }
        catch (AdapterSqlException e)
        {
            output.Line($"{project.Target.File}: error {DiagnosticCodes.ConnectionError}: cannot connect to the {project.Target.Type} target '{project.Target.TargetName}': {e.Message}", "red");
            output.Line("Connection: ERROR", "red");
            return Session.ExitUsage;
        }
    }
}
