using System.CommandLine;
using System.Globalization;
using Ngdbt.Adapters;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;
using Ngdbt.Diff;

namespace Ngdbt.Cli.Commands;

/// <summary>`diff MODEL`: the model in this target against the `--state`'s build or `--against TARGET`, on its
/// unique key, computed in the warehouse; a text report (or `--output json`), exit 1 with `--fail-on-diff`.</summary>
internal static class DiffCommand
{
    private static Argument<string> Model => new("model") { Description = "The model (or seed, snapshot) to compare" };
    private static Option<string?> Against => new("--against") { Description = "Compare with this target of the profile (the left side)" };
    private static Option<string[]> Key => new("--key") { Description = "Key columns (default: the model's unique_key)", AllowMultipleArgumentsPerToken = true };
    private static Option<decimal> Tolerance => new("--tolerance") { Description = "Numeric differences up to this (absolute, exact decimal) count as equal", DefaultValueFactory = _ => 0m };
    private static Option<string> OutputFormat => new("--output", "-o") { Description = "text or json", DefaultValueFactory = _ => "text" };
    private static Option<bool> FailOnDiff => new("--fail-on-diff") { Description = "Exit 1 when the two sides differ" };
    private static Option<int> SampleSize => new("--sample-size") { Description = "How many differing rows to show", DefaultValueFactory = _ => 10 };

    public static Command Create()
    {
        var command = new Command("diff", "Compare a model between this target and --state or --against TARGET, on its unique key");
        command.Arguments.Add(Model);
        var format = OutputFormat;
        format.AcceptOnlyFromAmong("text", "json");
        foreach (var option in new Option[] { CommonOptions.State, Against, Key, Tolerance, format, FailOnDiff, SampleSize })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(parse, new ConsoleOutput()));
        return command;
    }

    public static int Run(ParseResult parse, ConsoleOutput output)
    {
        var session = Session.Open(parse, output, quiet: true);
        if (session is null || !session.LoadState())
        {
            return Session.ExitUsage;
        }

        var against = parse.Value(Against) is { } name
            ? new Load.LoadOptions(session.Project.Root, parse.Value(CommonOptions.ProfilesDir), name, parse.Value(CommonOptions.Vars), parse.Value(CommonOptions.Threads))
            : null;
        var keys = parse.Value(Key) is { Length: > 0 } k ? k.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList() : null;
        var request = new Engine.DiffRequest(parse.Value(Model)!, session.State, against, keys, parse.Value(Tolerance), parse.Value(SampleSize));
        try
        {
            var (report, diagnostics) = CliAdapters.Engine.Diff(session.Opened, request);
            output.Diagnostics(diagnostics);
            if (report is null)
            {
                return Session.ExitUsage;
            }

            if (parse.Value(OutputFormat) == "json")
            {
                output.Raw(DiffJson.Write(report));
            }
            else
            {
                DiffText.Write(report, output);
            }

            return report.HasDifferences && parse.Value(FailOnDiff) ? Session.ExitNodeFailure : Session.ExitOk;
        }
        catch (AdapterSqlException e)
        {
            output.Line($"{session.Project.Target.File}: error {DiagnosticCodes.ConnectionError}: cannot open the {session.Project.Target.Type} database: {e.Message}", "red");
            return Session.ExitUsage;
        }
    }

    internal static string Money(decimal d) => d.ToString("#,##0.0000;-#,##0.0000", CultureInfo.InvariantCulture);
}
