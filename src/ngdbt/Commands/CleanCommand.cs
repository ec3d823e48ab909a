using System.CommandLine;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;

namespace Ngdbt.Cli.Commands;

internal static class CleanCommand
{
    public static Command Create()
    {
        var command = new Command("clean", "Delete the target folder (compiled SQL, artifacts, docs site)");
        command.SetAction(parse =>
        {
            var output = new ConsoleOutput();
            var project = Session.LoadProject(parse, output);
            if (project is null)
            {
                return Session.ExitUsage;
            }

            var dir = project.TargetDir;
            if (!dir.StartsWith(project.Root, StringComparison.Ordinal) || dir == project.Root)
            {
                output.Line($"error {DiagnosticCodes.UsageError}: refusing to delete '{dir}', which is not inside the project", "red");
                return Session.ExitUsage;
            }

            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            output.Line($"Cleaned {Path.GetRelativePath(project.Root, dir)}/");
            return Session.ExitOk;
        });
        return command;
    }
}
