using System.CommandLine;
using Ngdbt.Adapters;
using Ngdbt.Cli.Hosting;
using Ngdbt.Cli.Output;
using Ngdbt.Diagnostics;
using Ngdbt.Execute;
using Ngdbt.Manifest;
using Spectre.Console;

namespace Ngdbt.Cli.Commands;

internal static class ShowCommand
{
    private static Option<int> Limit => new("--limit") { Description = "Rows to show", DefaultValueFactory = _ => 10 };
    private static Option<string?> Inline => new("--inline") { Description = "SQL to run instead of a model (may use ref/source)" };
    private static Option<string> Format => new("--output", "-o") { Description = "table (fits the window, says what is hidden), csv or json", DefaultValueFactory = _ => "table" };
    private static Option<string?> Columns => new("--columns") { Description = "Comma-separated columns to print, in this order" };

    public static Command Create()
    {
        var command = new Command("show", "Run a model's compiled SQL (or --inline SQL) and print the first rows as a table");
        command.Options.Add(CommonOptions.Select);
        command.Options.Add(Limit);
        command.Options.Add(Inline);
        command.Options.Add(Format);
        command.Options.Add(Columns);
        command.SetAction(parse => Run(parse, new ConsoleOutput()));
        return command;
    }

    public static int Run(ParseResult parse, ConsoleOutput output)
    {
        try
        {
            return RunCore(parse, output);
        }
        catch (AdapterSqlException e)
        {
            // e.g. the warehouse is locked by a running build, or the profile points at something that is no database.
            output.Line($"error {DiagnosticCodes.ConnectionError}: cannot open the warehouse: {e.Message}", "red");
            return Session.ExitUsage;
        }
    }

    private static int RunCore(ParseResult parse, ConsoleOutput output)
    {
        var session = Session.Open(parse, output, quiet: true);
        if (session is null)
        {
            return Session.ExitUsage;
        }

        using var adapter = session.OpenAdapter();
        string sql;
        (string File, string Raw) origin;
        if (parse.Value(Inline) is { } inline)
        {
            origin = ("--inline", inline);
            sql = InlineSql.Compile(session, adapter, inline, output) ?? string.Empty;
            if (sql.Length == 0)
            {
                return Session.ExitUsage;
            }
        }
        else
        {
            var selected = session.Selection(ResourceType.Model, ResourceType.Seed, ResourceType.Snapshot);
            if (selected is null || selected.Count != 1)
            {
                output.Line("error NG0041: show needs --select naming exactly one model, or --inline SQL", "red");
                return Session.ExitUsage;
            }

            var node = session.Manifest.Nodes[selected.Single()];
            origin = (node.FilePath, node.RawCode);
            if (node.ResourceType == ResourceType.Seed)
            {
                sql = $"select * from {adapter.Dialect.Relation(node.Schema, node.Identifier)}";
            }
            else
            {
                var compiled = session.Compile(adapter, selected, fullRefresh: false);
                if (!compiled.Success)
                {
                    return Session.ExitUsage;
                }

                sql = compiled.Nodes[node.UniqueId].Sql;
            }
        }

        try
        {
            using var connection = adapter.Connect();
            var result = connection.Query(sql, parse.Value(Limit));
            var rows = result.Rows.Select(r => ResultTable.Cells(r, (v, i) => ValueFormatter.Format(v, result.Columns[i].Type))).ToList();
            if (ResultTable.Write(output, [.. result.Columns.Select(c => c.Name)], rows, parse.Value(Format)!, parse.Value(Columns)) is { } error)
            {
                output.Line($"error NG0041: {error}", "red");
                return Session.ExitUsage;
            }

            return Session.ExitOk;
        }
        catch (AdapterSqlException e)
        {
            // The position the database gives, in the SQL the user wrote (the query runs wrapped in one line of LIMIT).
            var at = SqlErrorPosition.Map(origin.File, origin.Raw, sql, e.Line, e.Column, e.Message, wrapLines: 1);
            output.Line($"{at}: error {DiagnosticCodes.SqlError}: {e.Message}", "red");
            return Session.ExitNodeFailure;
        }
    }
}
