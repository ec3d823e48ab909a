using Ngdbt.Diagnostics;
using Ngdbt.Templating;

namespace Ngdbt.Manifest;

public enum ResourceType
{
    Model,
    Seed,
    Source,
    Test,
    Snapshot,
    UnitTest,
}

public sealed record ColumnSpec(string Name, string? Description, string? DataType, IReadOnlyList<DataTestSpec> Tests, IReadOnlyDictionary<string, object?> Meta, SourceSpan Span);

/// <summary>A data test as written in YAML: `unique`, `{relationships: {to: ref('x'), field: id}}`, with its config.</summary>
public sealed record DataTestSpec(string TestName, IReadOnlyDictionary<string, object?> Args, IReadOnlyDictionary<string, object?> Config, string? ColumnName, SourceSpan Span);

/// <summary>A node of the project graph. One shape for all resource types keeps graph, selection and artifacts uniform;
/// fields that do not apply to a type are empty.</summary>
public sealed record Node
{
    public required string UniqueId { get; init; }

    public required ResourceType ResourceType { get; init; }

    public required string Name { get; init; }

    public required string PackageName { get; init; }

    /// <summary>Path relative to the project root (dbt's original_file_path).</summary>
    public required string FilePath { get; init; }

    /// <summary>Path relative to the resource folder (dbt's path).</summary>
    public required string PathInResourceDir { get; init; }

    public required NodeConfig Config { get; init; }

    public required string Schema { get; init; }

    public required string Identifier { get; init; }

    public string Description { get; init; } = string.Empty;

    public IReadOnlyList<ColumnSpec> Columns { get; init; } = [];

    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public IReadOnlyList<string> DependsOnMacros { get; init; } = [];

    public ParsedTemplate? Template { get; init; }

    public string RawCode { get; init; } = string.Empty;

    public IReadOnlyList<string> Fqn { get; init; } = [];

    public SourceSpan Span { get; init; } = SourceSpan.Unknown;

    // Sources
    public string? SourceName { get; init; }

    public string? ExternalLocation { get; init; }

    public string? ExternalFormat { get; init; }

    /// <summary>Extra reader arguments from `meta.read_options`, e.g. explicit JSON columns.</summary>
    public string? ExternalReadOptions { get; init; }

    // Tests
    public TestInfo? Test { get; init; }

    // Unit tests
    public UnitTestSpec? UnitTest { get; init; }

    public IReadOnlyList<string> Tags => Config.Tags;

    public bool IsRelation => ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot or ResourceType.Source;

    public bool IsExecutable => ResourceType is not ResourceType.Source && !(ResourceType == ResourceType.Model && Config.Materialized == "ephemeral");
}

/// <summary>What a data test node tests: the generic test's name and arguments, or a singular test's SQL file.</summary>
public sealed record TestInfo(string TestName, bool IsGeneric, IReadOnlyDictionary<string, object?> Args, string? AttachedNode, string? ColumnName)
{
    /// <summary>dbt's `test_metadata.kwargs` of a generic test, computed once when it is linked.</summary>
    public IReadOnlyDictionary<string, object?>? Kwargs { get; init; }
}

public sealed record UnitTestSpec(string Model, IReadOnlyList<UnitTestInput> Given, UnitTestRows Expect, IReadOnlyDictionary<string, object?> Overrides, SourceSpan Span);

public sealed record UnitTestInput(string Input, UnitTestRows Rows, SourceSpan Span);

/// <summary>Rows given as a list of dicts, or as CSV text (`format: csv`).</summary>
public sealed record UnitTestRows(IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);
