using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;
using Ngdbt.State;

namespace Ngdbt.Engine;

/// <summary>`--defer`: refs to nodes that are neither selected nor built in this target read the state's relations
/// instead; <see cref="FavorState"/> prefers the state's relation even when this target has one.</summary>
public sealed record DeferOptions(StateComparison State, bool FavorState);

public sealed partial class NgdbtEngine
{
    /// <summary>The alias a state in another DuckDB file is attached under (read-only).</summary>
    public const string StateAlias = "ngdbt_state";

    /// <summary>Reads `--state DIR` and compares it with the opened project; nodes of the state that are gone are
    /// reported (warning NG0102), since they can no longer be selected.</summary>
    public static (StateComparison? State, IReadOnlyList<Diagnostic> Diagnostics) LoadState(OpenedProject opened, string stateDir)
    {
        var (previous, error) = StateFile.Read(stateDir);
        var file = new SourceSpan(Path.Combine(stateDir, StateFile.FileName), 1, 1);
        if (previous is null)
        {
            return (null, [Diagnostic.Error(DiagnosticCodes.StateUnreadable, file, $"cannot read --state: {error}")]);
        }

        var current = StateFingerprint.Compute(opened.Manifest, _ => null, null);
        var now = Freshness.SourcesJson.Read(opened.Project.TargetDir);
        var before = Freshness.SourcesJson.Read(stateDir);
        var comparison = new StateComparison(previous, current, stateDir)
        {
            Fresher = now.Where(kv => !before.TryGetValue(kv.Key, out var t) || kv.Value > t).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal),
        };
        var diagnostics = comparison.Deleted
            .Select(d => Diagnostic.Warning(DiagnosticCodes.StateNodeDeleted, file, $"{d.ResourceType} '{d.Name}' ({d.FilePath}) is in the state but no longer in the project (deleted or renamed): it cannot be selected"))
            .ToList();
        return (comparison, diagnostics);
    }

    /// <summary>Writes target/state.json for the project as this target builds it (the next run's `--state`).</summary>
    public static void WriteState(OpenedProject opened, IDatabaseAdapter adapter) => StateFile.Write(opened.Project.TargetDir, ComputeState(opened, adapter));

    private static ProjectState ComputeState(OpenedProject opened, IDatabaseAdapter adapter)
        => StateFingerprint.Compute(opened.Manifest, n => RelationName(adapter, n), DatabaseLocation(opened.Project));

    private static string? DatabaseLocation(Load.LoadedProject project)
        => project.Target.Path is { Length: > 0 } p && p != ":memory:" ? Path.GetFullPath(p, project.Root) : null;

    /// <summary>The fingerprints <see cref="Open(LoadResult, bool)"/> begins before any adapter is open: everything but
    /// the relation names (<see cref="WithRelationNames"/> adds them).</summary>
    private static ProjectState EarlyFingerprints(Manifest.ProjectManifest manifest)
        => StateFingerprint.Compute(manifest, _ => null, DatabaseLocation(manifest.Project));

    private static ProjectState WithRelationNames(ProjectState state, OpenedProject opened, IDatabaseAdapter adapter)
        => state with
        {
            Nodes = state.Nodes.ToDictionary(
                kv => kv.Key,
                kv => opened.Manifest.Nodes[kv.Key] is { IsRelation: true } node ? kv.Value with { RelationName = RelationName(adapter, node) } : kv.Value,
                StringComparer.Ordinal),
        };

    /// <summary>state.json's bytes, fingerprinted now (from the manifest alone, or finished from the fingerprints begun
    /// when the project was opened) and written later.</summary>
    private static Artifacts.SegmentedBuffer SerializeState(OpenedProject opened, IDatabaseAdapter adapter)
        => StateFile.Serialize(opened.EarlyState is { } early ? WithRelationNames(early.GetAwaiter().GetResult(), opened, adapter) : ComputeState(opened, adapter));

    /// <summary>unique id → the state's relation, for the refs `--defer` redirects; attaches a state kept in another
    /// database file first. Errors (NG0103) when the state's database cannot be read from this target.</summary>
    private static (IReadOnlyDictionary<string, string>? Map, Diagnostic? Error) Deferral(OpenedProject opened, IDatabaseAdapter adapter, IReadOnlySet<string> selected, IReadOnlySet<RelationRef> existing, DeferOptions? defer)
    {
        if (defer is null)
        {
            return (null, null);
        }

        var state = defer.State.Previous;
        var target = opened.Project.Target;
        var span = new SourceSpan(Path.Combine(defer.State.StateDir, StateFile.FileName), 1, 1);
        if (state.AdapterType != target.Type)
        {
            return (null, Diagnostic.Error(DiagnosticCodes.DeferUnavailable, span, $"--defer: the state was built on {state.AdapterType}, this target is {target.Type}"));
        }

        var candidates = opened.Manifest.Nodes.Values
            .Where(n => n.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot && n.Config.Materialized != "ephemeral" && !selected.Contains(n.UniqueId))
            .Where(n => defer.FavorState || !existing.Contains(new RelationRef(n.Schema, n.Identifier)))
            .Select(n => state.Nodes.GetValueOrDefault(n.UniqueId))
            .Where(s => s?.RelationName is not null)
            .ToList();
        if (candidates.Count == 0)
        {
            return (new Dictionary<string, string>(StringComparer.Ordinal), null);
        }

        var (prefix, problem) = Readable(opened, adapter, state.Database, state.DatabaseLocation, StateAlias, defer.State.StateDir, span, "--defer");
        if (problem is not null)
        {
            return (null, problem);
        }

        return (candidates.ToDictionary(s => s!.UniqueId, s => prefix + s!.RelationName, StringComparer.Ordinal), null);
    }

    /// <summary>How this target's connection names relations of another build: no prefix when it is the same database;
    /// the alias of a read-only attachment when it is another database file (DuckDB); an error (NG0103) when this
    /// warehouse cannot read that database.</summary>
    internal static (string Prefix, Diagnostic? Error) Readable(OpenedProject opened, IDatabaseAdapter adapter, string database, string? location, string alias, string fallbackDir, SourceSpan span, string what)
    {
        var target = opened.Project.Target;
        var here = target.Path is { Length: > 0 } p && p != ":memory:" ? Path.GetFullPath(p, opened.Project.Root) : null;
        // A copy of the database file kept in the state folder is the state's own snapshot: it wins over the path
        // recorded at build time (which this target may have rebuilt since, or which is on another machine).
        var copy = location is null ? null : Path.GetFullPath(Path.Combine(fallbackDir, Path.GetFileName(location)));
        var file = copy is not null && File.Exists(copy) ? copy : location;
        if (file is not null && file != here)
        {
            if (!File.Exists(file))
            {
                return (string.Empty, Diagnostic.Error(DiagnosticCodes.DeferUnavailable, span, $"{what}: the database file '{location}' does not exist (nor a copy in {fallbackDir})"));
            }

            if (adapter.Dialect.AttachReadOnly(Path.GetFullPath(file), alias) is not { } attach)
            {
                return (string.Empty, Diagnostic.Error(DiagnosticCodes.DeferUnavailable, span, $"{what}: {target.Type} cannot read another database file"));
            }

            using var connection = adapter.Connect();
            try
            {
                connection.Execute(attach);
            }
            catch (AdapterSqlException e)
            {
                return (string.Empty, Diagnostic.Error(DiagnosticCodes.DeferUnavailable, span, $"{what}: cannot attach the database '{file}': {e.Message}"));
            }

            return (adapter.Dialect.Quote(alias) + ".", null);
        }

        if (location is null && database != target.Database)
        {
            return (string.Empty, Diagnostic.Error(DiagnosticCodes.DeferUnavailable, span, $"{what}: the other build is in database '{database}' and this target is '{target.Database}'; {target.Type} reads relations of its own database only (use another schema of the same database)"));
        }

        return (string.Empty, null);
    }
}
