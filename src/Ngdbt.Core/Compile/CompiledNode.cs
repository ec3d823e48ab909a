using Ngdbt.Adapters;
using Ngdbt.Diagnostics;

namespace Ngdbt.Compile;

/// <summary>Stage 6 output for one node: the SQL to run, with ephemeral models inlined as CTEs.</summary>
public sealed record CompiledNode(string UniqueId, string Sql, RelationRef? Relation, bool IsIncremental, IReadOnlyList<string> EphemeralDependencies)
{
    public IReadOnlyList<string> PreHooks { get; init; } = [];

    public IReadOnlyList<string> PostHooks { get; init; } = [];

    /// <summary>The template reads the warehouse: the executor renders it again just before it runs, after its parents
    /// are built (see Compiler.Introspection.cs).</summary>
    public bool RendersAtRun { get; init; }

    /// <summary>A table model built in batches (`batches`, `batch_rows`): its SQL for one batch, each input with a
    /// `batch_key` read for that batch only, with Compiler.BatchCountToken and BatchIndexToken for the runner to fill
    /// in; null when it is built in one statement. <see cref="Sql"/> stays the whole query.</summary>
    public string? BatchSql { get; init; }

    /// <summary>The relations <see cref="BatchSql"/> reads by batch (`batch_rows` counts the largest).</summary>
    public IReadOnlyList<string> BatchInputs { get; init; } = [];
}

public sealed record CompileResult(IReadOnlyDictionary<string, CompiledNode> Nodes, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Success => !Diagnostics.Any(d => d.IsError);
}

/// <summary><paramref name="ExistingRelations"/>: the tables already in the warehouse (is_incremental() is true only for those).
/// <see cref="Deferred"/>: unique id → the relation a ref to it reads instead (`--defer`).</summary>
public sealed record CompileOptions(ISqlDialect Dialect, IReadOnlySet<RelationRef> ExistingRelations, bool FullRefresh = false, IReadOnlyDictionary<RelationRef, IReadOnlyList<ColumnInfo>>? KnownColumns = null)
{
    public IReadOnlyDictionary<string, string>? Deferred { get; init; }

    /// <summary>`--empty`: refs and sources of models and snapshots read zero rows.</summary>
    public bool Empty { get; init; }

    /// <summary>`--sample`: refs and sources with an event time are read for this window only.</summary>
    public SampleWindow? Sample { get; init; }

    /// <summary>Runs a query in the warehouse while compiling (Jinja's run_query/statement); null: not connected.</summary>
    public Func<string, QueryResult>? Query { get; init; }

    /// <summary>A run (not `compile`): nodes that read the warehouse are marked to render again at run time, and their
    /// render errors before the run are dropped (their parents may not be built yet).</summary>
    public bool RenderIntrospectionAtRun { get; init; }
}
