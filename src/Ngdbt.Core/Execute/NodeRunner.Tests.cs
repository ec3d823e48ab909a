using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Ngdbt.Adapters;
using Ngdbt.Plan;

namespace Ngdbt.Execute;

internal sealed partial class NodeRunner
{
    [GeneratedRegex(@"^\s*(?<op>>=|<=|!=|<>|=|==|>|<)\s*(?<n>\d+)\s*$")]
    private static partial Regex Threshold();

    /// <summary>Runs a data test: counts failing rows, applies warn_if/error_if and severity, stores failures when asked.</summary>
    private NodeResult Test(PlanStep step, Stopwatch clock)
    {
        var node = step.Node;
        var sql = step.Compiled!.Sql;
        if (node.Config.GetString("limit") is { } limitText && int.TryParse(limitText, CultureInfo.InvariantCulture, out var limit))
        {
            sql = dialect.Limit(sql, limit);
        }

        var failures = Convert.ToInt64(connection.Query($"select count(*) from (\n{sql}\n) as ngdbt_test").Rows[0][0], CultureInfo.InvariantCulture);
        var details = new List<string>();
        if (failures > 0)
        {
            var sample = connection.Query(sql, options.FailureRowsShown);
            details.Add(string.Join(" | ", sample.Columns.Select(c => c.Name)));
            details.AddRange(sample.Rows.Select(r => string.Join(" | ", r.Select(Format))));
        }

        if (node.Config.StoreFailures)
        {
            EnsureSchema(node.Schema);
            var relation = new RelationRef(node.Schema, node.Identifier);
            connection.CreateTable(relation, sql);
            details.Add($"failing rows stored in {dialect.Relation(relation.Schema, relation.Identifier)}");
        }

        var errorIf = node.Config.GetString("error_if") ?? "!=0";
        var warnIf = node.Config.GetString("warn_if") ?? "!=0";
        var severity = node.Config.Severity;
        var status = severity == "error" && Matches(errorIf, failures) ? NodeStatus.Fail
            : Matches(warnIf, failures) ? NodeStatus.Warn
            : NodeStatus.Pass;
        var message = status == NodeStatus.Pass ? "PASS" : $"Got {failures} result{(failures == 1 ? string.Empty : "s")}, configured to {(status == NodeStatus.Fail ? "fail" : "warn")} if {(status == NodeStatus.Fail ? errorIf : warnIf)}";
        return new NodeResult(node, status, clock.Elapsed, message, Failures: failures, Details: details);
    }

    private static bool Matches(string condition, long failures)
    {
        var m = Threshold().Match(condition);
        if (!m.Success)
        {
            return failures != 0;
        }

        var n = long.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        return m.Groups["op"].Value switch
        {
            ">" => failures > n,
            ">=" => failures >= n,
            "<" => failures < n,
            "<=" => failures <= n,
            "=" or "==" => failures == n,
            _ => failures != n,
        };
    }

    internal static string Format(object? value) => value switch
    {
        null => "NULL",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private NodeResult UnitTest(PlanStep step, Stopwatch clock)
        => new(step.Node, NodeStatus.Error, clock.Elapsed, "unit tests are not executed by this version of ngdbt yet");

    private NodeResult Snapshot(PlanStep step, Stopwatch clock)
        => new(step.Node, NodeStatus.Error, clock.Elapsed, "snapshots are not executed by this version of ngdbt yet");
}
