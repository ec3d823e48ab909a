using Ngdbt.Diagnostics;
using System.CommandLine;
using System.Globalization;
using Ngdbt.Adapters;
using Ngdbt.Cli.Output;
using Ngdbt.Execute;
using Ngdbt.Manifest;

namespace Ngdbt.Cli.Commands;

/// <summary>`ngdbt fingerprint -s m`: row count, an order-independent hash of every value, and exact sums of the decimal
/// columns of built relations: the same data on two targets gives the same line.</summary>
internal static class FingerprintCommand
{
    public static Command Create()
    {
        var command = new Command("fingerprint", "Print row count, an order-independent hash and exact decimal sums of the selected built relations (compare targets)");
        command.Options.Add(CommonOptions.Select);
        command.Options.Add(CommonOptions.Exclude);
        command.SetAction(parse => Run(parse, new ConsoleOutput()));
        return command;
    }

    private static int Run(ParseResult parse, ConsoleOutput output)
    {
        var session = Session.Open(parse, output, quiet: true);
        var selected = session?.Selection(ResourceType.Model, ResourceType.Seed, ResourceType.Snapshot);
        if (session is null || selected is null)
        {
            return Session.ExitUsage;
        }

        try
        {
            using var adapter = session.OpenAdapter(readOnly: true);
            using var connection = adapter.Connect();
            foreach (var node in selected.Select(id => session.Manifest.Nodes[id]).Where(n => n.Config.Materialized != "ephemeral").OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                var f = RelationFingerprint.Compute(connection, $"select * from {adapter.Dialect.Relation(node.Schema, node.Identifier)}");
                var sums = string.Join(" ", f.DecimalSums.Select(s => $"sum({s.Column})={RelationFingerprint.FormatSum(s)}"));
                output.Line(string.Create(CultureInfo.InvariantCulture, $"{node.Name}: rows={f.Rows} hash={f.Hash} {sums}").TrimEnd());
            }

            return Session.ExitOk;
        }
        catch (AdapterSqlException e)
        {
            output.Line($"error {DiagnosticCodes.ConnectionError}: {e.Message}", "red");
            return Session.ExitNodeFailure;
        }
    }
}
