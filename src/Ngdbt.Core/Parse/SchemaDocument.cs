using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

namespace Ngdbt.Parse;

/// <summary>What one schema YAML file declares, still unlinked (dbt's "unparsed" layer).</summary>
public sealed record SchemaDocument(
    string File,
    IReadOnlyList<ResourceDoc> Models,
    IReadOnlyList<ResourceDoc> Seeds,
    IReadOnlyList<ResourceDoc> Snapshots,
    IReadOnlyList<SourceDoc> Sources,
    IReadOnlyList<UnitTestDoc> UnitTests)
{
    public IReadOnlyList<DeclaredResource> Declared { get; init; } = [];
}

/// <summary>An exposure, metric, semantic model or saved query (<see cref="Kind"/>: dbt's resource_type), as declared.</summary>
public sealed record DeclaredResource(string Kind, string Name, string? Description, IReadOnlyDictionary<string, object?> Properties, SourceSpan Span);

/// <summary>A model, seed or snapshot entry in YAML.</summary>
public sealed record ResourceDoc(
    string Name,
    string? Description,
    IReadOnlyDictionary<string, object?> Config,
    IReadOnlyDictionary<string, SourceSpan> ConfigSpans,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyList<DataTestSpec> Tests,
    SourceSpan Span,
    string? Relation = null);

public sealed record SourceDoc(
    string Name,
    string? Schema,
    string? Description,
    IReadOnlyDictionary<string, object?> Meta,
    IReadOnlyList<SourceTableDoc> Tables,
    SourceSpan Span)
{
    /// <summary>dbt's `loaded_at_field` and `freshness` of the source, the defaults of its tables.</summary>
    public SourceFreshnessDoc? Freshness { get; init; }
}

/// <summary>`loaded_at_field` and the `freshness:` mapping as written (warn_after/error_after {count, period}, filter).</summary>
public sealed record SourceFreshnessDoc(string? LoadedAtField, IReadOnlyDictionary<string, object?>? Freshness, SourceSpan Span);

public sealed record SourceTableDoc(
    string Name,
    string? Identifier,
    string? Description,
    IReadOnlyDictionary<string, object?> Meta,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyList<DataTestSpec> Tests,
    SourceSpan Span)
{
    public SourceFreshnessDoc? Freshness { get; init; }
}

public sealed record UnitTestDoc(string Name, UnitTestSpec Spec, string? Description);
