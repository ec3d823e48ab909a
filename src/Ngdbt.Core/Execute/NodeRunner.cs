using System.Collections.Concurrent;
using System.Diagnostics;
using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;
using Ngdbt.Plan;

namespace Ngdbt.Execute;

/// <summary>Runs one plan step on one connection and turns database errors into positioned diagnostics.</summary>
internal sealed partial class NodeRunner(IAdapterConnection connection, ISqlDialect dialect, ExecuteOptions options, ConcurrentDictionary<string, byte> schemas)
{
    public static string Describe(PlanStep step) => step.Kind switch
    {
        StepKind.Seed => $"seed file {step.Node.Schema}.{step.Node.Identifier}",
        StepKind.Test => $"test {step.Node.Name}",
        StepKind.UnitTest => $"unit_test {step.Node.UnitTest?.Model}::{step.Node.Name}",
        StepKind.Snapshot => $"snapshot {step.Node.Schema}.{step.Node.Identifier}",
        _ => $"{step.Node.Config.Materialized} model {step.Node.Schema}.{step.Node.Identifier}",
    };

    public NodeResult Run(PlanStep step)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (step.Compiled is null && step.Kind is not StepKind.Seed)
            {
                return new NodeResult(step.Node, NodeStatus.Error, clock.Elapsed, "compilation failed (see the errors above)");
            }

            return step.Kind switch
            {
                StepKind.Seed => Seed(step, clock),
                StepKind.Test => Test(step, clock),
                StepKind.UnitTest => UnitTest(step, clock),
                StepKind.Snapshot => Snapshot(step, clock),
                _ => Model(step, clock),
            };
        }
        catch (AdapterSqlException e)
        {
            var diagnostic = Diagnostic.Error(DiagnosticCodes.SqlError, SqlErrorPosition.Map(step.Node.FilePath, step.Node.RawCode, step.Compiled?.Sql, e.Line, e.Column, e.Message), $"database error in {step.Node.Name}: {e.Message}");
            return new NodeResult(step.Node, NodeStatus.Error, clock.Elapsed, e.Message, Diagnostic: diagnostic) { OutOfMemory = e.OutOfMemory };
        }
        catch (IOException e)
        {
            // e.g. an export path that cannot be written: the node fails, the run goes on and reports it.
            return new NodeResult(step.Node, NodeStatus.Error, clock.Elapsed, $"I/O error: {e.Message}");
        }
    }

    private void EnsureSchema(string schema)
    {
        if (!options.CreateSchemas || schemas.ContainsKey(schema))
        {
            return;
        }

        // Other workers must not build into the schema before its CREATE has committed, so creation is serialized.
        lock (schemas)
        {
            if (!schemas.ContainsKey(schema))
            {
                connection.EnsureSchema(schema);
                schemas[schema] = 0;
            }
        }
    }

    private NodeResult Model(PlanStep step, Stopwatch clock)
    {
        var node = step.Node;
        var relation = new RelationRef(node.Schema, node.Identifier);
        var sql = step.Compiled!.Sql;
        if (Guard(step, clock) is { } violation)
        {
            return violation;
        }

        EnsureSchema(node.Schema);
        string[] batches = step.Kind == StepKind.Table ? Batches(step) : [];
        var result = step.Kind switch
        {
            StepKind.Table when batches is [var first, .. var more] => connection.CreateTable(relation, first, Layout(node, step.Compiled) with { MoreBatches = more }),
            StepKind.Table => connection.CreateTable(relation, sql, Layout(node, step.Compiled)),
            StepKind.Incremental when step.Compiled.IsIncremental => connection.Incremental(relation, sql, Strategy(node), node.Config.UniqueKey, Layout(node, step.Compiled)),
            StepKind.Incremental => connection.CreateTable(relation, sql, Layout(node, step.Compiled)),
            _ => connection.CreateView(relation, sql, Layout(node, step.Compiled)),
        };
        var details = new List<string>();
        if (node.Config.Values.GetValueOrDefault("export") is IReadOnlyDictionary<string, object?> export && export.GetValueOrDefault("path") is string exportPath)
        {
            var format = export.GetValueOrDefault("format") as string ?? Path.GetExtension(exportPath).TrimStart('.');
            var full = Path.IsPathRooted(exportPath) ? exportPath : Path.Combine(options.ProjectRoot, exportPath);
            var exported = connection.Export(relation, full, format);
            details.Add($"exported {exported} rows to {exportPath}");
        }

        var message = batches.Length > 1 ? $"{result.Message} in {batches.Length} batches" : result.Message;
        return new NodeResult(node, NodeStatus.Success, clock.Elapsed, message, result.RowsAffected, Details: details);
    }

    /// <summary>The strategy was checked against the adapter's capabilities before the run (<see cref="CapabilityCheck"/>).</summary>
    private static IncrementalStrategy Strategy(Node node) => CapabilityCheck.StrategyOf(node) switch
    {
        "merge" => IncrementalStrategy.Merge,
        "delete+insert" => IncrementalStrategy.DeleteInsert,
        "append" => IncrementalStrategy.Append,
        var other => throw new InvalidOperationException($"incremental strategy '{other}' reached the runner unchecked"),
    };

    private NodeResult Seed(PlanStep step, Stopwatch clock)
    {
        var node = step.Node;
        EnsureSchema(node.Schema);
        var types = node.Config.Values.TryGetValue("column_types", out var ct) && ct is IReadOnlyDictionary<string, object?> d
            ? d.ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "VARCHAR", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(options.ProjectRoot, node.FilePath);
        var relation = new RelationRef(node.Schema, node.Identifier);
        var result = dialect.ReadsFiles ? connection.LoadSeed(relation, path, types) : LoadSeedThroughFileEngine(node, relation, path, types);
        return new NodeResult(node, NodeStatus.Success, clock.Elapsed, result.Message, result.RowsAffected);
    }

    /// <summary>The file engine parses the CSV with the declared types; the warehouse bulk-loads its rows.</summary>
    private TableLayout Layout(Node node, Compile.CompiledNode? compiled = null) => new(node.Config.Values, options.ResolveModel ?? (_ => null))
    {
        PreHooks = compiled?.PreHooks ?? [],
        PostHooks = compiled?.PostHooks ?? [],
    };

    private MaterializeResult LoadSeedThroughFileEngine(Node node, RelationRef relation, string path, IReadOnlyDictionary<string, string> types)
    {
        using var engine = options.FileEngine?.Invoke() ?? throw new AdapterSqlException("this warehouse cannot read files and the host offers no file engine to load seeds with");
        using var files = engine.Connect();
        var staged = new RelationRef("main", "ngdbt_seed");
        files.LoadSeed(staged, path, types);
        var sql = "select * from " + engine.Dialect.Relation(staged.Schema, staged.Identifier);
        var columns = files.Describe(sql);
        using var rows = files.Stream(sql);
        return connection.BulkLoad(relation, columns, rows, append: false, layout: Layout(node));
    }
}
