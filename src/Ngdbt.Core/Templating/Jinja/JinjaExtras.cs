using Ngdbt.Adapters;

namespace Ngdbt.Templating.Jinja;

/// <summary>What a Jinja render sees beyond <see cref="RenderScope"/>: the macros, the node (`model`, `config.get`), the
/// project graph, and the warehouse (`execute`, `run_query`, `adapter.get_relation`). Parse-time renders have
/// <see cref="Execute"/> false and no warehouse, as in dbt.</summary>
public sealed record JinjaExtras(JinjaEnvironment Environment)
{
    public IReadOnlyDictionary<string, object?> NodeConfig { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, object?>? Model { get; init; }

    public Func<IReadOnlyDictionary<string, object?>>? Graph { get; init; }

    public bool Execute { get; init; }

    /// <summary>Runs a query against the warehouse at compile time (null: not connected).</summary>
    public Func<string, QueryResult>? Query { get; init; }

    /// <summary>The columns of an existing relation (null: it does not exist).</summary>
    public Func<RelationRef, IReadOnlyList<ColumnInfo>?>? Columns { get; init; }

    public ISqlDialect? Dialect { get; init; }

    /// <summary>Where `log()` and `print()` write (null: nowhere).</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>A Jinja render failed: the diagnostic points into the original Jinja file (a macro's own file when the
/// error is inside a macro).</summary>
public sealed class JinjaRenderException(Diagnostics.Diagnostic diagnostic) : Exception(diagnostic.Message)
{
    public Diagnostics.Diagnostic Diagnostic { get; } = diagnostic;
}
