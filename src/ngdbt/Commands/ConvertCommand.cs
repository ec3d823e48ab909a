using System.CommandLine;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Conversion;

namespace Ngdbt.Cli.Commands;

/// <summary>`ngdbt convert`: a dbt project's Jinja → ngdbt's native Scriban (src/Ngdbt.Core/Conversion). Parses the
/// options and prints; exit 1 with --check when a file would stay Jinja, 2 for a usage or project error.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var outDir = new Option<string?>("--out") { Description = "Folder for the native project (new or empty, relative to the project folder; default target/converted)" };
        var inPlace = new Option<bool>("--in-place") { Description = "Convert the project's own files and write project.yml beside dbt_project.yml" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 if any file would stay Jinja" };
        var command = new Command("convert", "Turn a dbt project's Jinja into ngdbt's native Scriban (project.yml, same compiled SQL)") { outDir, inPlace, check };
        command.SetAction(parse =>
        {
            var output = new ConsoleOutput();
            if (parse.Value(inPlace) && parse.Value(outDir) is not null)
            {
                output.Line($"error {Diagnostics.DiagnosticCodes.UsageError}: give --out or --in-place, not both", "red");
                return Session.ExitUsage;
            }

            var summary = ProjectConverter.Run(new ConvertOptions(parse.Value(CommonOptions.ProjectDir) ?? ".", parse.Value(outDir), parse.Value(inPlace), parse.Value(check)));
            output.Diagnostics(summary.Diagnostics);
            if (summary.Failed)
            {
                return Session.ExitUsage;
            }

            var where = summary.OutDir is null ? "nothing written (--check)" : $"written to {summary.OutDir}";
            output.Line($"Converted {summary.Converted} file(s) to Scriban, kept {summary.Kept} in Jinja, copied {summary.Copied}; {where}", summary.Kept == 0 ? "green" : "yellow");
            return parse.Value(check) && summary.Kept > 0 ? Session.ExitNodeFailure : Session.ExitOk;
        });
        return command;
    }
}
