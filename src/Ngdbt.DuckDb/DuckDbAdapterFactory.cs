using Ngdbt.Load;

namespace Ngdbt.Adapters.DuckDb;

/// <summary>Registers embedded DuckDB under profile `type: duckdb`.</summary>
public sealed class DuckDbAdapterFactory : IAdapterFactory
{
    public static readonly AdapterCapabilities DuckDbCapabilities = new(
        new HashSet<string>(StringComparer.Ordinal) { "view", "table", "incremental", "ephemeral" },
        new HashSet<string>(StringComparer.Ordinal) { "append", "merge", "delete+insert" },
        ReadsFiles: true,
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "csv", "parquet" });

    public string Type => "duckdb";

    public IReadOnlyList<ProfileField> Fields { get; } =
    [
        new("path", "the database file, relative to the project, or ':memory:'", Required: true, IsPath: true),
    ];

    public AdapterCapabilities Capabilities => DuckDbCapabilities;

    public IReadOnlyList<MacroSource> Macros { get; } = [];

    public IReadOnlyList<string> ConfigKeys { get; } = [];

    public string DefaultSchema => "main";

    public string DatabaseName(TargetConfig target)
        => target.Path == ":memory:" ? "memory" : System.IO.Path.GetFileNameWithoutExtension(target.Path);

    public IDatabaseAdapter Create(TargetConfig target, bool readOnly = false) => new DuckDbAdapter(target, readOnly);

    /// <summary>An in-memory DuckDB that reads Parquet/CSV/NDJSON for warehouses that cannot (the registry's file engine).
    /// What it spills goes to a folder of this process under the system's temp folder, which DuckDB removes when it
    /// closes: an in-memory DuckDB's own default is `.tmp` in the current folder, which left a stray folder in the
    /// user's project while a PostgreSQL build loaded big files.</summary>
    public static IDatabaseAdapter FileEngine() => new DuckDbAdapter(
        new TargetConfig("ngdbt", "files", "duckdb", "main", 1, new Dictionary<string, string> { ["path"] = ":memory:" },
            new Dictionary<string, string> { ["temp_directory"] = FileEngineSpill }, new Dictionary<string, string>(), "<file engine>"));

    internal static string FileEngineSpill => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ngdbt-file-engine-{Environment.ProcessId}");
}
