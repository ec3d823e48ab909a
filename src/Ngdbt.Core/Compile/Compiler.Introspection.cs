using System.Collections.Concurrent;
using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

namespace Ngdbt.Compile;

/// <summary>Nodes whose templates read the warehouse (run_query, statement, adapter.get_relation,
/// get_columns_in_relation, and the dbt_utils macros built on them) are rendered again by the executor just before they
/// run, after their parents are built, as dbt renders each node just before executing it. Before a run, the first
/// warehouse read of a node stops its render and marks it (<see cref="CompiledNode.RendersAtRun"/>): nothing is queried
/// then, so a `statement` with a side effect runs once, when the node runs, as in dbt; other errors of that render are
/// dropped, since the parents it read may not exist yet, and the render at run time reports its own.</summary>
public sealed partial class Compiler
{
    private readonly ConcurrentDictionary<string, byte> _introspected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Diagnostic>> _renderErrors = new(StringComparer.Ordinal);

    /// <summary>The warehouse callbacks of a node's render, each marking the node as one that reads the warehouse.</summary>
    private Func<string, QueryResult>? TrackedQuery(Node node) => _options.Query is not { } query ? null : sql =>
    {
        Introspected(node);
        return query(sql);
    };

    private Func<RelationRef, IReadOnlyList<ColumnInfo>?> TrackedColumns(Node node) => r =>
    {
        Introspected(node);
        return _options.KnownColumns is { } known && known.TryGetValue(r, out var columns) ? columns : null;
    };

    /// <summary>Marks the node; before a run, also stops its render (it renders when it runs).</summary>
    private void Introspected(Node node)
    {
        _introspected[node.UniqueId] = 0;
        if (_options.RenderIntrospectionAtRun)
        {
            throw new RendersAtRunSignal();
        }
    }

    /// <summary>Whether an exception (or one it wraps: Scriban wraps what a function throws) is the stop of a render
    /// that reads the warehouse before a run.</summary>
    private static bool IsRenderAtRun(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is RendersAtRunSignal)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Thrown by the first warehouse read of a render before a run; never escapes the compiler.</summary>
    private sealed class RendersAtRunSignal() : Exception("the node reads the warehouse: it renders when it runs");

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
