using System.CommandLine;
using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

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
        var load = Session.Load(parse, output);
        if (load is null)
        {
            return Session.ExitUsage;
        }

        // --state/--defer read another run's artifacts, which the inputs' key does not hold: such a compile always runs.
        var usesState = parse.Result(CommonOptions.State) is { Implicit: false } || parse.Result(CommonOptions.Defer) is { Implicit: false };
        var invocation = new Engine.CompileInvocation([.. parse.Tokens.Select(t => t.Value)], Environment.CurrentDirectory);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var check = usesState ? Engine.CompileReuseCheck.None : CliAdapters.Engine.CheckCompileReuse(load.Project!, invocation, Session.Version);
        Session.Time("compile reuse check", clock);
        if (check.Reused is { } reused)
        {
            output.Line($"Running with ngdbt={Session.Version}");
            Print(output, reused.Lines, reused.RawSql);
            output.Line("Nothing changed since the last compile: its files in target/ are current (NGDBT_PARTIAL_PARSE=0 compiles anyway)");
            return Session.ExitOk;
        }

        try
        {
            return Compile(parse, output, load, check);
        }
        finally
        {
            // A first compile reads the warehouse while the project parses: never exit while that read may still be
            // creating the database file.
            ((IAsyncResult)check.Warehouse).AsyncWaitHandle.WaitOne();
        }
    }

    private static int Compile(ParseResult parse, ConsoleOutput output, Load.LoadResult load, Engine.CompileReuseCheck check)
    {
        var session = Session.Open(parse, output, load, fingerprintState: true);
        var selected = session?.Selection(ResourceType.Model, ResourceType.Test, ResourceType.Snapshot);
        if (session is null || selected is null)
        {
            return Session.ExitUsage;
        }

        // The check could not read the warehouse: report that (after the project's own diagnostics), once.
        if (check.Unreachable is { } unreachable)
        {
            return ConnectionFailed(output, session, unreachable);
        }

        try
        {
            var outcome = CliAdapters.Engine.CompileProject(session.Opened, selected, parse.Value(CommonOptions.FullRefresh), Session.Version, new RunReporter(output), session.Defer, check.Catalog);
            var (compiled, guarded) = (outcome.Compiled, outcome.Guarded);
            var raw = parse.Value(CommonOptions.Select) is { Length: > 0 } && compiled.Nodes.Count == 1 ? compiled.Nodes.Values.Single().Sql : null;
            string[] lines = [Session.Summary(session.Manifest), $"Compiled {compiled.Nodes.Count} nodes to {Path.Combine(session.Project.Config.TargetPath, "compiled")}"];
            Print(output, lines[1..], raw);
            var memoClock = System.Diagnostics.Stopwatch.StartNew();
            Engine.NgdbtEngine.RecordCompile(session.Opened, check.Key, outcome, session.Reported == 0, lines, raw);
            Session.Time("compile memo recorded", memoClock);
            return compiled.Success && guarded ? Session.ExitOk : Session.ExitUsage;
        }
        catch (AdapterSqlException e)
        {
            return ConnectionFailed(output, session, e);
        }
    }

    private static int ConnectionFailed(ConsoleOutput output, Session session, AdapterSqlException e)
    {
        output.Line($"{session.Project.Target.File}: error {DiagnosticCodes.ConnectionError}: {e.Message}", "red");
        return Session.ExitUsage;
    }

    /// <summary>The compile's own lines after the summary: the SQL of a single selected node, then where the files went
    /// (the first of <paramref name="lines"/> is the summary when it is more than one line).</summary>
    private static void Print(ConsoleOutput output, IReadOnlyList<string> lines, string? raw)
    {
        for (var i = 0; i < lines.Count - 1; i++)
        {
            output.Line(lines[i]);
        }

        if (raw is not null)
        {
            output.Raw(raw);
        }

        output.Line(lines[^1]);
    }
}
