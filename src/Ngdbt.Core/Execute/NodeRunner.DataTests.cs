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
            details.AddRange(sample.Rows.Select(r => string.Join(" | ", r.Select((v, i) => ValueFormatter.Format(v, sample.Columns[i].Type)))));
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

    /// <summary>True for the conditions warn_if/error_if accept (checked before the run by <see cref="CapabilityCheck"/>).</summary>
    public static bool IsThreshold(string condition) => Threshold().IsMatch(condition);

    private static bool Matches(string condition, long failures)
    {
        var m = Threshold().Match(condition);
        if (!m.Success)
        {
            throw new InvalidOperationException($"threshold '{condition}' reached the runner unchecked");
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

    /// <summary>A unit test's compiled query returns the differing rows; none means PASS.</summary>
    private NodeResult UnitTest(PlanStep step, Stopwatch clock)
    {
        var diff = connection.Query(step.Compiled!.Sql, 50);
        if (diff.Rows.Count == 0)
        {
            return new NodeResult(step.Node, NodeStatus.Pass, clock.Elapsed, "PASS", Failures: 0);
        }

        var details = new List<string> { "actual differs from expected (+ unexpected row, - missing row):", string.Join(" | ", diff.Columns.Select(c => c.Name)) };
        details.AddRange(diff.Rows.Select(r => string.Join(" | ", r.Select((v, i) => ValueFormatter.Format(v, diff.Columns[i].Type)))));
        return new NodeResult(step.Node, NodeStatus.Fail, clock.Elapsed, $"unit test failed: {diff.Rows.Count} differing row{(diff.Rows.Count == 1 ? string.Empty : "s")}", Failures: diff.Rows.Count, Details: details);
    }

    private NodeResult Snapshot(PlanStep step, Stopwatch clock)
    {
        var node = step.Node;
        var spec = SnapshotSpecOf(node, step.Compiled!.Sql);
        if (spec.UniqueKey.Count == 0 || (spec.Strategy == "timestamp" && spec.UpdatedAt is null) || (spec.Strategy == "check" && spec.CheckCols.Count == 0))
        {
            var diagnostic = Ngdbt.Diagnostics.Diagnostic.Error(Ngdbt.Diagnostics.DiagnosticCodes.InvalidConfigValue, new Ngdbt.Diagnostics.SourceSpan(node.FilePath, 1, 1), $"snapshot '{node.Name}' needs unique_key and strategy 'timestamp' (with updated_at) or 'check' (with check_cols)");
            return new NodeResult(node, NodeStatus.Error, clock.Elapsed, diagnostic.Message, Diagnostic: diagnostic);
        }

        EnsureSchema(node.Schema);
        var result = connection.Snapshot(new RelationRef(node.Schema, node.Identifier), step.Compiled!.Sql, spec, Layout(node, step.Compiled));
        return new NodeResult(node, NodeStatus.Success, clock.Elapsed, result.Message, result.RowsAffected);
    }

    /// <summary>dbt's snapshot configs: `check_cols: all` compares every column of the select; `hard_deletes: invalidate`
    /// (or the older `invalidate_hard_deletes: true`) closes the rows whose key left the select.</summary>
    private SnapshotSpec SnapshotSpecOf(Ngdbt.Manifest.Node node, string sql)
    {
        var strategy = node.Config.GetString("strategy") ?? "timestamp";
        var checkCols = node.Config.List("check_cols");
        if (strategy == "check" && checkCols is ["all"])
        {
            checkCols = [.. connection.Describe(sql).Select(c => c.Name)];
        }

        var invalidate = node.Config.Values.GetValueOrDefault("invalidate_hard_deletes") is true or "true" || node.Config.GetString("hard_deletes") == "invalidate";
        return new SnapshotSpec(node.Config.UniqueKey, strategy, node.Config.GetString("updated_at"), checkCols, invalidate);
    }
}
