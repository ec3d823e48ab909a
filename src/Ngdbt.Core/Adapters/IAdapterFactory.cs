using Ngdbt.Load;

namespace Ngdbt.Adapters;

/// <summary>A profile key an adapter understands. Path fields are resolved against the project folder.</summary>
public sealed record ProfileField(string Name, string Description, bool Required = false, string? Default = null, bool IsPath = false, bool IsInteger = false);

/// <summary>What an adapter can do (SQLMesh's engine-adapter capability flags). The engine checks a node's config against
/// these at compile time: an unsupported materialization or strategy is an error, never a silent fallback.</summary>
public sealed record AdapterCapabilities(
    IReadOnlySet<string> Materializations,
    IReadOnlySet<string> IncrementalStrategies,
    bool ReadsFiles,
    IReadOnlySet<string> ExportFormats);

/// <summary>A macro file an adapter ships: its `&lt;type&gt;__name` overrides of ngdbt's cross-database macros.</summary>
public sealed record MacroSource(string Package, string Path, string Text);

/// <summary>One database engine, registered by profile `type` in an <see cref="AdapterRegistry"/>. A new database is a
/// new project implementing this; the core never names one.</summary>
public interface IAdapterFactory
{
    string Type { get; }

    /// <summary>The profile keys of this adapter besides `type`, `schema`, `threads` and `settings`.</summary>
    IReadOnlyList<ProfileField> Fields { get; }

    AdapterCapabilities Capabilities { get; }

    IReadOnlyList<MacroSource> Macros { get; }

    /// <summary>Model configs this adapter acts on (e.g. Citus's `distributed_by`). They are accepted on every target, so
    /// one project builds unchanged everywhere; only this adapter uses them.</summary>
    IReadOnlyList<string> ConfigKeys { get; }

    /// <summary>The schema used when the profile names none (`main` in DuckDB, `public` in PostgreSQL).</summary>
    string DefaultSchema { get; }

    /// <summary>The database name written to artifacts (`database` of every node).</summary>
    string DatabaseName(TargetConfig target);

    /// <summary>Opens the adapter. Connection failures are <see cref="AdapterSqlException"/>s with a message for people.</summary>
    IDatabaseAdapter Create(TargetConfig target, bool readOnly = false);
}
