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

    /// <summary>Contracts and the money guard at compile time, for every model whose inputs already exist in the warehouse
    /// (the database types its output from DESCRIBE); models whose inputs are not built yet are checked when they run.</summary>
    private static bool GuardOutputs(Session session, IDatabaseAdapter adapter, IEnumerable<Compile.CompiledNode> compiled, ConsoleOutput output)
    {
        var rules = session.Project.Config.MoneyGuard;
        var nodes = compiled.Select(c => (Compiled: c, Node: session.Manifest.Nodes[c.UniqueId])).Where(x => Execute.OutputGuard.Applies(x.Node, rules)).ToList();
        if (nodes.Count == 0)
        {
            return true;
        }

        using var connection = adapter.Connect();
        var ok = true;
        foreach (var (c, node) in nodes)
        {
            IReadOnlyList<ColumnInfo> columns;
            try
            {
                columns = connection.Describe(c.Sql);
            }
            catch (AdapterSqlException)
            {
                continue;
            }

            if (Execute.OutputGuard.Check(node, columns, rules, adapter.Dialect) is { } violation)
            {
                output.Diagnostics([violation]);
                ok = false;
            }
        }

        return ok;
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
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var adapter = session.OpenAdapter();
            Session.Time("open database", clock);
            var compiled = session.Compile(adapter, selected, parse.GetValue(CommonOptions.FullRefresh));
            Session.Time("compile", clock);
            // The two writes are independent: the manifest is serialized while the compiled files go to disk.
            Session.Alongside(
                () => ArtifactWriter.WriteManifest(session.Manifest, compiled.Nodes, n => session.RelationName(adapter, n), Session.Version),
                () => CompiledFiles.Write(session.Project, compiled.Nodes, session.Manifest));
            Session.Time("write compiled files and manifest.json", clock);
            var guarded = GuardOutputs(session, adapter, compiled.Nodes.Values, output);
            Session.Time("contracts and money guard", clock);
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
