using System.CommandLine;
using NeoGlobal.Dashboard;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;

namespace NeoGlobal.Cli;

/// <summary>`neoglobal serve` (the leakage dashboard over the warehouse, read-only, with the docs site under /docs/) and
/// `neoglobal dashboard export` (one self-contained HTML file of the current figures).</summary>
internal static class DashboardCommand
{
    private static Option<int> Port => ServerOptions.Port(8050);
    private static Option<string> Schema => new("--schema") { Description = "Schema holding fct_reconciliation", DefaultValueFactory = _ => "main_integrity" };
    private static Option<string> MartsSchema => new("--marts-schema") { Description = "Schema holding rpt_erp_adjustments", DefaultValueFactory = _ => "main_marts" };
    private static Option<string> Output => new("--output", "-o") { Description = "HTML file to write", DefaultValueFactory = _ => "target/leakage-dashboard.html" };

    public static Command CreateServe()
    {
        var serve = new Command("serve", "Serve the leakage dashboard (and the docs site under /docs/) on 127.0.0.1");
        serve.Options.Add(Port);
        serve.Options.Add(CliVerbs.Host);
        serve.Options.Add(Schema);
        serve.Options.Add(MartsSchema);
        serve.SetAction(async (parse, ct) =>
        {
            var output = new ConsoleOutput();
            if (Options(parse, output) is not { } options)
            {
                return CliVerbs.ExitUsage;
            }

            ServerOptions.WarnIfWide(options.Host, output);
            await using var server = await ServerOptions.StartAsync(() => DashboardHost.StartAsync(options, ct), options.Host, options.Port, output);
            if (server is null)
            {
                return CliVerbs.ExitUsage;
            }

            output.Line($"Leakage dashboard at {server.Url} (docs at {server.Url}docs/ when generated; Ctrl+C to stop)", "green");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C
            }

            return CliVerbs.ExitOk;
        });
        return serve;
    }

    public static Command CreateDashboard()
    {
        var dashboard = new Command("dashboard", "Dashboard utilities");
        var export = new Command("export", "Write the current figures to one self-contained HTML file, for emailing");
        export.Options.Add(Output);
        export.Options.Add(Schema);
        export.Options.Add(MartsSchema);
        export.SetAction(parse =>
        {
            var output = new ConsoleOutput();
            if (Options(parse, output) is not { } options)
            {
                return CliVerbs.ExitUsage;
            }

            var root = CliVerbs.ProjectRoot(parse);
            try
            {
                var path = DashboardExport.Export(options, Path.Combine(root, parse.Value(Output)!));
                output.Line($"Dashboard exported to {path}", "green");
                return CliVerbs.ExitOk;
            }
            catch (Exception e) when (e is DuckDB.NET.Data.DuckDBException or NeoGlobal.Dashboard.Data.WarehouseUnavailableException)
            {
                // A warehouse built from another project, or before the integrity models ran (or one a build holds).
                var reason = (e.InnerException ?? e).Message.Split('\n')[0];
                output.Line($"error {DiagnosticCodes.UsageError}: the warehouse {options.WarehousePath} has no readable {options.Schema}.fct_reconciliation; run `neoglobal build` first ({reason})", "red");
                return CliVerbs.ExitUsage;
            }
        });
        dashboard.Subcommands.Add(export);
        return dashboard;
    }

    private static DashboardOptions? Options(ParseResult parse, ConsoleOutput output)
    {
        var project = CliVerbs.LoadProject(parse, output);
        if (project is null)
        {
            return null;
        }

        if (!File.Exists(project.Target.Path))
        {
            output.Line($"error {DiagnosticCodes.UsageError}: no warehouse at {project.Target.Path}; run `neoglobal build` first", "red");
            return null;
        }

        var docs = Path.Combine(project.TargetDir, "docs-site");
        return new DashboardOptions(
            project.Target.Path,
            parse.Value(Schema)!,
            parse.Value(Port),
            parse.Value(CliVerbs.Host)!,
            File.Exists(Path.Combine(docs, "index.html")) ? docs : null,
            parse.Value(MartsSchema)!);
    }
}
