using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Compile;
using Ngdbt.Diagnostics;
using Ngdbt.Execute;

namespace Ngdbt.Engine;

/// <summary>What `compile` produced: the compiled nodes, whether the contracts and money guard held, and the files it
/// wrote under target/, each as it was right after its write. <see cref="WarehouseChecked"/>: the guard described a model in the warehouse
/// (it asked the warehouse, whose answer depends on more than the compile's inputs).</summary>
public sealed record CompileOutcome(CompileResult Compiled, bool Guarded)
{
    public IReadOnlyList<WrittenFile> Written { get; init; } = [];

    public bool WarehouseChecked { get; init; }
}

public sealed partial class NgdbtEngine
{
    /// <summary>`compile`: render the selection, write target/compiled and manifest.json (side by side), then check
    /// contracts and the money guard for every model whose inputs already exist in the warehouse.</summary>
    /// <param name="catalog">The warehouse's catalog when the caller read it already (<see cref="CheckCompileReuse"/>:
    /// the compile then sees the warehouse its key holds); null reads it now.</param>
    public CompileOutcome CompileProject(OpenedProject opened, IReadOnlySet<string> selected, bool fullRefresh, string version, IEngineListener listener, DeferOptions? defer = null, IReadOnlyList<CatalogEntry>? catalog = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // target/ is about to change: the last compile's memo no longer describes it (CompileReuse).
        CompileMemo.Delete(opened.Project.TargetDir);
        using var adapter = OpenAdapter(opened.Project);
        StageTimings.Report("open database", clock);
        // state.json reads the manifest only (not the compiled SQL): it is fingerprinted while the nodes render,
        // instead of after manifest.json, where it made the writes one long chain. It is written with the other files
        // once the compile has returned: a compile that throws (an unreachable warehouse) leaves the last one alone.
        var target = opened.Project.TargetDir;
        var state = Task.Run(() =>
        {
            var stateClock = System.Diagnostics.Stopwatch.StartNew();
            var bytes = SerializeState(opened, adapter);
            StageTimings.Report("  state.json fingerprinted (beside the compile)", stateClock);
            return bytes;
        });
        CompileResult compiled;
        try
        {
            compiled = Compile(opened, adapter, selected, fullRefresh, defer, catalog: catalog);
        }
        catch
        {
            // The compile's own exception is the one to report; the fingerprinting only has to finish first.
            ((IAsyncResult)state).AsyncWaitHandle.WaitOne();
            throw;
        }

        listener.Diagnostics(compiled.Diagnostics);
        StageTimings.Report("compile", clock);
        ReclaimBeforeWrites(opened.Manifest);
        StageTimings.Report("reclaim", clock);
        // The writes are independent: manifest.json (itself serialized in parallel) is written while the compiled
        // files go to disk.
        var manifest = Task.Run(() =>
        {
            var artifactClock = System.Diagnostics.Stopwatch.StartNew();
            ArtifactWriter.WriteManifest(opened.Manifest, compiled.Nodes, n => RelationName(adapter, n), version);
            StageTimings.Report("  manifest.json", artifactClock);
            return WrittenFile.Stat(target, ArtifactWriter.ManifestFileName);
        });
        IReadOnlyList<WrittenFile> written;
        try
        {
            var filesClock = System.Diagnostics.Stopwatch.StartNew();
            written = CompiledFiles.Write(opened.Project, compiled.Nodes, opened.Manifest);
            StageTimings.Report("  compiled files", filesClock);
        }
        finally
        {
            manifest.GetAwaiter().GetResult();
        }

        State.StateFile.Write(target, state.GetAwaiter().GetResult());
        var stateFile = WrittenFile.Stat(target, State.StateFile.FileName);

        StageTimings.Report("write compiled files and manifest.json", clock);
        var (guarded, described) = GuardOutputs(opened, adapter, compiled.Nodes.Values, listener);
        StageTimings.Report("contracts and money guard", clock);
        return new CompileOutcome(compiled, guarded)
        {
            Written = [manifest.Result, stateFile, .. written],
            WarehouseChecked = described,
        };
    }

    /// <summary>A compile whose templates keep their syntax trees until rendered (those the partial parse cache does not
    /// release at parse: impure, Jinja and snapshot templates, or every one under NGDBT_PARTIAL_PARSE=0) can reach the writes with a large heap of garbage; at 10,000 such
    /// models it held ~260 MB. One full collection before the writes lets manifest.json, state.json and the compiled
    /// files reuse that memory instead of growing the process (a cold 10,000-model compile peaked at 500–525 MB RSS
    /// without it, ~460 MB with it, in the same wall time). It is decided by what the templates hold, not by the heap's
    /// size at that moment, which depends on when the last collection ran: a heap-size test fired at random on the
    /// benchmark's cold compile (whose pure templates hold no tree), for ~190 ms of blocking collection.</summary>
    private static void ReclaimBeforeWrites(Manifest.ProjectManifest manifest)
    {
        const int Threshold = 2_000;
        var held = 0;
        foreach (var node in manifest.Nodes.Values)
        {
            if (node.Template is { } t && (t.Page is not null || t.Jinja is not null) && ++held >= Threshold)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
                return;
            }
        }
    }

    /// <summary>Contracts and the money guard at compile time, from the database's DESCRIBE of each compiled model whose
    /// inputs exist; models whose inputs are not built yet are checked when they run.</summary>
    private static (bool Ok, bool Described) GuardOutputs(OpenedProject opened, IDatabaseAdapter adapter, IEnumerable<CompiledNode> compiled, IEngineListener listener)
    {
        var rules = opened.Project.Config.MoneyGuard;
        var nodes = compiled.Select(c => (Compiled: c, Node: opened.Manifest.Nodes[c.UniqueId])).Where(x => OutputGuard.Applies(x.Node, rules)).ToList();
        if (nodes.Count == 0)
        {
            return (true, false);
        }

        using var connection = adapter.Connect();
        var ok = true;
        foreach (var (c, node) in nodes)
        {
            IReadOnlyList<ColumnInfo> columns;
            try
            {
                columns = connection.Describe(c.Sql);
            }
            catch (AdapterSqlException)
            {
                continue;
            }

            if (OutputGuard.Check(node, columns, rules, adapter.Dialect) is { } violation)
            {
                listener.Diagnostics([violation]);
                ok = false;
            }
        }

        return (ok, true);
    }
}
