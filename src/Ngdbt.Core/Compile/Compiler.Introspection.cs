using System.Collections.Concurrent;
using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

namespace Ngdbt.Compile;

/// <summary>Nodes whose templates read the warehouse (run_query, statement, adapter.get_relation,
/// get_columns_in_relation, and the dbt_utils macros built on them) are rendered again by the executor just before they
/// run, after their parents are built, as dbt renders each node just before executing it. The render before the run
/// only marks them (<see cref="CompiledNode.RendersAtRun"/>); its errors are dropped, since the parents it read may not
/// exist yet, and the render at run time reports its own.</summary>
public sealed partial class Compiler
{
    private readonly ConcurrentDictionary<string, byte> _introspected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Diagnostic>> _renderErrors = new(StringComparer.Ordinal);

    /// <summary>The warehouse callbacks of a node's render, each marking the node as one that reads the warehouse.</summary>
    private Func<string, QueryResult>? TrackedQuery(Node node) => _options.Query is not { } query ? null : sql =>
    {
        _introspected[node.UniqueId] = 0;
        return query(sql);
    };

    private Func<RelationRef, IReadOnlyList<ColumnInfo>?> TrackedColumns(Node node) => r =>
    {
        _introspected[node.UniqueId] = 0;
        return _options.KnownColumns is { } known && known.TryGetValue(r, out var columns) ? columns : null;
    };

    /// <summary>Whether a node, or an ephemeral model inlined into it, read the warehouse while rendering.</summary>
    private bool Introspects(Node node, IEnumerable<string> ephemerals)
        => _introspected.ContainsKey(node.UniqueId) || ephemerals.Any(_introspected.ContainsKey);

    /// <summary>A render error: reported at once, or kept until the end of the compile when a node that reads the
    /// warehouse may still drop it (<see cref="CompileOptions.RenderIntrospectionAtRun"/>).</summary>
    private void RenderFailed(Node node, Diagnostic diagnostic)
    {
        if (_options.RenderIntrospectionAtRun)
        {
            _renderErrors.GetOrAdd(node.UniqueId, _ => new ConcurrentQueue<Diagnostic>()).Enqueue(diagnostic);
            return;
        }

        _diagnostics.Add(diagnostic);
    }

    /// <summary>The kept render errors of nodes that did not read the warehouse (the others render again at run time).</summary>
    private void ReportKeptErrors()
    {
        foreach (var (id, errors) in _renderErrors)
        {
            if (!_introspected.ContainsKey(id))
            {
                foreach (var error in errors)
                {
                    _diagnostics.Add(error);
                }
            }
        }
    }

    /// <summary>The placeholder of a node that reads the warehouse and failed to render before the run.</summary>
    private CompiledNode? Deferred(Node node, IEnumerable<string> ephemerals)
    {
        if (!_options.RenderIntrospectionAtRun || !Introspects(node, ephemerals))
        {
            return null;
        }

        var relation = node.IsRelation ? RelationOf(node) : null;
        return new CompiledNode(node.UniqueId, "-- rendered when the run reaches this node: it reads the warehouse", relation, IsIncremental(node), []) { RendersAtRun = true };
    }
}
