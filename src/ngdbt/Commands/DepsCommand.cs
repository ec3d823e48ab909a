using System.CommandLine;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Load;

namespace Ngdbt.Cli.Commands;

/// <summary>`ngdbt deps`: installs the `local:` packages of packages.yml / dependencies.yml into dbt_packages/; a
/// hub/git package that is not installed already is an error naming it (no downloads). Reads only the package lists,
/// so it works before the project itself loads.</summary>
internal static class DepsCommand
{
    public static Command Create()
    {
        var command = new Command("deps", "Install local: and git: packages from packages.yml / dependencies.yml into dbt_packages/ (no hub downloads)");
        command.SetAction(parse =>
        {
            var output = new ConsoleOutput();
            var (steps, diagnostics) = PackageInstaller.Install(parse.Value(CommonOptions.ProjectDir) ?? ".");
            foreach (var step in steps)
            {
                output.Line($"  {step.Name} ({step.Spec}): {step.Outcome}");
            }

            output.Diagnostics(diagnostics);
            if (diagnostics.Any(d => d.IsError))
            {
                return Session.ExitUsage;
            }

            output.Line(steps.Count == 0 ? "Nothing to install: no packages in packages.yml or dependencies.yml" : $"Installed {steps.Count} package(s)", "green");
            return Session.ExitOk;
        });
        return command;
    }
}
