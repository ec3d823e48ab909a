namespace Ngdbt.Docs.Artifacts;

/// <summary>One documented column, as the site shows it.</summary>
public sealed record DocColumn(string Name, string Description, string? DataType, IReadOnlyList<string> Tags);

/// <summary>One documented resource: model, seed, snapshot, test, source, macro, exposure, metric or semantic model.</summary>
public sealed record DocNode(
    string UniqueId,
    string ResourceType,
    string Name,
    string PackageName,
    string OriginalFilePath,
    string Schema,
    string? RelationName,
    string Description,
    IReadOnlyList<DocColumn> Columns,
    string ConfigJson,
    string? Materialized,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> DependsOn,
    string? RawCode,
    string? CompiledCode)
{
    public string? SourceName { get; init; }
    public string? TestName { get; init; }
    public string? AttachedNode { get; init; }
    public string? ColumnName { get; init; }
    public string MetaJson { get; init; } = "{}";

    /// <summary>Exposures: `owner` (name, email), `type`, `url`, `maturity`; exposures and metrics: `label`.</summary>
    public string? OwnerName { get; init; }
    public string? OwnerEmail { get; init; }
    public string? ExposureType { get; init; }
    public string? Url { get; init; }
    public string? Maturity { get; init; }
    public string? Label { get; init; }
}

/// <summary>The docs stage's input: what manifest.json holds, read from the file (<see cref="Read"/>) or handed over in
/// memory by the engine (no write-then-reparse of a 24 MB file at 10,000 models).</summary>
public sealed record DocsManifest(
    string ProjectName,
    string GeneratedAt,
    string Generator,
    IReadOnlyList<DocNode> Nodes)
{
    public static DocsManifest Read(string path) => ManifestReader.Read(path);
}

internal sealed record CatalogColumn(string Name, string Type, int Index);

internal sealed record CatalogEntry(IReadOnlyList<CatalogColumn> Columns, long? RowCount, long? Bytes);

internal sealed record RunResult(string Status, double ExecutionTime, string? Message, long? RowsAffected);

internal sealed record RunResults(string? GeneratedAt, IReadOnlyDictionary<string, RunResult> Results);
