using System.CommandLine;
using System.Globalization;
using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;
using Ngdbt.Execute;
using Ngdbt.Manifest;
using Ngdbt.Plan;

namespace Ngdbt.Cli.Commands;

/// <summary>`run`, `seed`, `test` and `build`: the same stages over different resource types (dbt's one task per verb).</summary>
internal static class ExecuteCommand
{
    public static Command Create(string name, string description, params ResourceType[] types)
    {
        var command = new Command(name, description);
        CommonOptions.AddSelection(command, execution: true);
        command.SetAction(parse => Run(parse, name, types));
        return command;
    }

    /// <summary>The resource types each executing verb runs.</summary>
    public static readonly IReadOnlyDictionary<string, ResourceType[]> Verbs = new Dictionary<string, ResourceType[]>(StringComparer.Ordinal)
    {
        ["run"] = [ResourceType.Model],
        ["seed"] = [ResourceType.Seed],
        ["test"] = [ResourceType.Test, ResourceType.UnitTest],
        ["snapshot"] = [ResourceType.Snapshot],
        ["build"] = [ResourceType.Seed, ResourceType.Model, ResourceType.Snapshot, ResourceType.Test, ResourceType.UnitTest],
    };

    /// <summary>Runs the verb on its selection, or on exactly <paramref name="only"/> (`retry`).</summary>
    public static int Run(ParseResult parse, string verb, ResourceType[] types, ConsoleOutput? output = null, IReadOnlyCollection<string>? only = null)
    {
        output ??= new ConsoleOutput();
        var session = Session.Open(parse, output);
        if (session is null)
        {
            return Session.ExitUsage;
        }

        var selected = only is null ? session.Selection(types) : session.Exactly(only, types);
        if (selected is null)
        {
            return Session.ExitUsage;
        }

        var args = parse.Tokens.Select(t => t.Value).ToList();
        Compile.SampleWindow? sample = null;
        if (parse.Value(CommonOptions.Sample) is { } sampleText)
        {
            (sample, var problem) = Compile.SampleWindow.Parse(sampleText, DateTime.UtcNow);
            if (problem is not null)
            {
                output.Line($"error {Diagnostics.DiagnosticCodes.UsageError}: {problem}", "red");
                return Session.ExitUsage;
            }
        }

        var request = new Engine.ExecuteRequest(selected, parse.Value(CommonOptions.FullRefresh), parse.Value(CommonOptions.FailFast), Environment.GetCommandLineArgs().Skip(1).ToList(), Session.Version) { Defer = session.Defer, Which = verb, CliArgs = args, Empty = parse.Value(CommonOptions.Empty), Sample = sample };
        try
        {
            var outcome = CliAdapters.Engine.Execute(session.Opened, request, new RunReporter(output));
            switch (outcome.Status)
            {
                case Engine.ExecuteStatus.ProjectError:
                    return Session.ExitUsage;
                case Engine.ExecuteStatus.NothingToDo:
                    output.Line("Nothing to do. Try checking your model configs and model specification args", "yellow");
                    return Session.ExitOk;
            }

            if (outcome.Run is null)
            {
                // on-run-start failed: its error is printed; no node ran.
                output.Line("Done. Nothing was run: on-run-start failed", "red");
                return Session.ExitNodeFailure;
            }

            PrintSummary(output, outcome.Run);
            return outcome.Status == Engine.ExecuteStatus.Success ? Session.ExitOk : Session.ExitNodeFailure;
        }
        catch (AdapterSqlException e)
        {
            output.Line($"{session.Project.Target.File}: error {DiagnosticCodes.ConnectionError}: cannot open the {session.Project.Target.Type} database: {e.Message}", "red");
            return Session.ExitUsage;
        }
    }

    public static void PrintSummary(ConsoleOutput output, RunResult run)
    {
        var elapsed = run.Elapsed;
        output.Line(string.Empty);
        output.Line($"Finished running {run.Results.Count} nodes in {(int)elapsed.TotalHours}h {elapsed.Minutes}m {elapsed.TotalSeconds % 60:0.00}s.".Replace(",", ".", StringComparison.Ordinal));
        var errors = run.Count(NodeStatus.Error, NodeStatus.Fail);
        output.Line(errors == 0 ? "Completed successfully" : $"Completed with {errors} error{(errors == 1 ? string.Empty : "s")}", errors == 0 ? "green" : "red");
        var pass = run.Count(NodeStatus.Success, NodeStatus.Pass);
        output.Line(string.Create(CultureInfo.InvariantCulture, $"Done. PASS={pass} WARN={run.Count(NodeStatus.Warn)} ERROR={errors} SKIP={run.Count(NodeStatus.Skipped)} TOTAL={run.Results.Count}"));
    }
}
