using Ngdbt.Adapters;
using Ngdbt.Compile;
using Ngdbt.Diagnostics;
using Ngdbt.Graph;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Engine;

/// <summary>Stages 1–4 of a project: what every verb starts from.</summary>
public sealed record OpenedProject(ProjectManifest Manifest, Dag Dag)
{
    public LoadedProject Project => Manifest.Project;

    /// <summary>state.json's fingerprints, begun as soon as the manifest was built (<see cref="NgdbtEngine.Open(LoadResult, bool)"/>
    /// with fingerprintState), without the relation names, which need the adapter.</summary>
    internal Task<State.ProjectState>? EarlyState { get; init; }
}

public sealed record OpenResult(OpenedProject? Project, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>The one entry point of the engine: load → parse → manifest → graph → select → compile → plan → execute →
/// artifacts. Hosts (the CLI, tests, other programs) call it and print what it reports; it holds no state of its own
/// beyond the adapters it was given.</summary>
public sealed partial class NgdbtEngine(AdapterRegistry adapters)
{
    public AdapterRegistry Adapters { get; } = adapters;

    public LoadResult Load(LoadOptions options) => ProjectLoader.Load(options with { Adapters = Adapters });

    public OpenResult Open(LoadOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var load = Load(options);
        StageTimings.Report("load", clock);
        return Open(load);
    }

    /// <summary>Stages 2–4 of a loaded project (<see cref="Load"/>); the diagnostics returned include the load's.</summary>
    public OpenResult Open(LoadResult load) => Open(load, fingerprintState: false);

    /// <summary><paramref name="fingerprintState"/>: the caller is about to compile and write state.json (`compile`),
    /// so its fingerprints begin as soon as the manifest is built, while the graph is built on the other core.</summary>
    public OpenResult Open(LoadResult load, bool fingerprintState)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (!load.Success)
        {
            return new OpenResult(null, load.Diagnostics);
        }

        if (TargetProblem(load.Project!) is { } unwritable)
        {
            return new OpenResult(null, [.. load.Diagnostics, unwritable]);
        }

        var manifest = ManifestBuilder.Build(load.Project!);
        StageTimings.Report("parse+manifest", clock);
        var diagnostics = load.Diagnostics.Concat(manifest.Diagnostics).ToList();
        if (!manifest.Success)
        {
            return new OpenResult(null, diagnostics);
        }

        var early = fingerprintState ? Task.Run(() => EarlyFingerprints(manifest.Manifest!)) : null;
        var dag = DagBuilder.Build(manifest.Manifest!);
        StageTimings.Report("graph", clock);
        diagnostics.AddRange(dag.Diagnostics);
        return new OpenResult(dag.Dag is null ? null : new OpenedProject(manifest.Manifest!, dag.Dag) { EarlyState = early }, diagnostics);
    }

    /// <summary>target/ must be a folder ngdbt can write: a `target-path` naming a file, or a folder without write
    /// permission, is a positioned error before anything is compiled or built (never an unhandled IO exception later).</summary>
    private static Diagnostic? TargetProblem(LoadedProject project)
    {
        var dir = project.TargetDir;
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, ".ngdbt-write-check");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Diagnostic.Error(DiagnosticCodes.TargetUnwritable, new SourceSpan(project.Config.File, 1, 1), $"target-path '{project.Config.TargetPath}' ({dir}) cannot be written: {e.Message}");
        }
    }

    /// <summary>The target's adapter. Connection problems are <see cref="AdapterSqlException"/>s.</summary>
    public IDatabaseAdapter OpenAdapter(LoadedProject project, bool readOnly = false)
        => (Adapters.Find(project.Target.Type) ?? throw new AdapterSqlException($"adapter type '{project.Target.Type}' is not available in this build (available: {string.Join(", ", Adapters.Types)})"))
            .Create(project.Target, readOnly);

    /// <summary>Stage 6 for the given nodes, knowing which relations exist (for is_incremental()).</summary>
    /// <param name="catalog">The warehouse's catalog when the caller has read it already (null: read it now).</param>
    public static CompileResult Compile(OpenedProject project, IDatabaseAdapter adapter, IEnumerable<string> ids, bool fullRefresh, DeferOptions? defer = null, bool empty = false, SampleWindow? sample = null, IReadOnlyList<CatalogEntry>? catalog = null)
        => Compile(project, adapter, ids, fullRefresh, defer, empty, sample, atRun: false, catalog).Result;

    /// <summary><paramref name="atRun"/>: the compile before a run, where nodes that read the warehouse are marked to
    /// render again when they run (with the options returned here).</summary>
    private static (CompileResult Result, CompileOptions? Options) Compile(OpenedProject project, IDatabaseAdapter adapter, IEnumerable<string> ids, bool fullRefresh, DeferOptions? defer, bool empty, SampleWindow? sample, bool atRun, IReadOnlyList<CatalogEntry>? known = null)
    {
        var catalog = known;
        if (catalog is null)
        {
            using var connection = adapter.Connect();
            catalog = connection.ReadCatalog(null);
        }

        // is_incremental() needs an existing table: a view left by an earlier materialization means a full build.
        var existing = catalog.Where(c => c.Kind == RelationKind.Table).Select(c => c.Relation).ToHashSet();
        var columns = catalog.ToDictionary(c => c.Relation, c => c.Columns);
        var selected = ids as IReadOnlySet<string> ?? ids.ToHashSet(StringComparer.Ordinal);
        var (deferred, error) = Deferral(project, adapter, selected, catalog.Select(c => c.Relation).ToHashSet(), defer);
        if (error is not null)
        {
            return (new CompileResult(new Dictionary<string, CompiledNode>(), [error]), null);
        }

        // Jinja's run_query/statement read the warehouse as it is now, on one connection opened when the first query
        // asks for it; before a run, the nodes that use them render again when they run (NgdbtEngine.RenderAtRun.cs).
        var gate = new object();
        IAdapterConnection? queries = null;
        try
        {
            var options = new CompileOptions(adapter.Dialect, existing, fullRefresh, columns)
            {
                Deferred = deferred,
                Empty = empty,
                Sample = sample,
                RenderIntrospectionAtRun = atRun,
                Query = sql =>
                {
                    lock (gate)
                    {
                        queries ??= adapter.Connect();
                        return queries.Query(sql);
                    }
                },
            };
            return (Compiler.Compile(project.Manifest, selected, options), options);
        }
        finally
        {
            queries?.Dispose();
        }
    }

    /// <summary>How a node is named in the warehouse (artifacts' relation_name).</summary>
    public static string RelationName(IDatabaseAdapter adapter, Node node)
        => node.ResourceType == ResourceType.Source && node.ExternalLocation is not null && adapter.Dialect.ReadsFiles
            ? node.ExternalLocation
            : adapter.Dialect.Relation(node.Schema, node.Identifier);
}
