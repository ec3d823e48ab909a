using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Engine;

/// <summary>How `compile` was invoked: its command line and working folder (both part of the inputs' key).</summary>
public sealed record CompileInvocation(IReadOnlyList<string> Arguments, string WorkingDirectory);

/// <summary>A compile that had nothing to do: what the compile it stands for printed, and how many nodes it compiled.</summary>
public sealed record ReusedCompile(IReadOnlyList<string> Lines, string? RawSql, int NodeCount);

/// <summary>What the reuse check read from the warehouse: its catalog, or why it could not be read.</summary>
public sealed record WarehouseRead(IReadOnlyList<CatalogEntry>? Catalog, AdapterSqlException? Unreachable);

/// <summary><see cref="Reused"/> when target/ already holds this compile's outputs; otherwise the inputs'
/// <see cref="Key"/> (null when they cannot be keyed) for <see cref="NgdbtEngine.RecordCompile"/>, and the
/// <see cref="Catalog"/> it holds, for <see cref="NgdbtEngine.CompileProject"/> to compile against.</summary>
public sealed record CompileReuseCheck(ReusedCompile? Reused, Task<string?> KeyTask)
{
    private static readonly Task<WarehouseRead> NothingRead = Task.FromResult(new WarehouseRead(null, null));

    public CompileReuseCheck(ReusedCompile? reused, string? key)
        : this(reused, Task.FromResult(key))
    {
    }

    /// <summary>Nothing to reuse and no key: the compile runs and records no memo.</summary>
    public static CompileReuseCheck None { get; } = new(null, (string?)null);

    /// <summary>The inputs' key (waits for it when it is still being computed beside the compile).</summary>
    public string? Key => KeyTask.GetAwaiter().GetResult();

    /// <summary>The warehouse's catalog and whether it could be read (still being read while the project parses, on a
    /// first compile: <see cref="Catalog"/> and <see cref="Unreachable"/> wait for it).</summary>
    public Task<WarehouseRead> Warehouse { get; init; } = NothingRead;

    public IReadOnlyList<CatalogEntry>? Catalog => Warehouse.GetAwaiter().GetResult().Catalog;

    /// <summary>The warehouse could not be opened or read: the compile would fail the same way, so a host reports this
    /// instead of connecting (and waiting for a timeout) a second time.</summary>
    public AdapterSqlException? Unreachable => Warehouse.GetAwaiter().GetResult().Unreachable;
}

/// <summary>
/// A compile whose inputs are those of the last one, and whose outputs are still on disk as it wrote them, has nothing
/// to do (make's and ninja's up-to-date check). It applies only when the outputs are a function of the inputs the key
/// holds (<see cref="CompileInputsKey"/>): every template and macro pure (<see cref="Templating.TemplatePurity"/>: no
/// run_query, no env_var by computed name, no clock), no Jinja, no hooks, no `--state`/`--defer`, a
/// compile that reported nothing and whose contracts and money guard asked the warehouse nothing. Everything else
/// compiles again, as does NGDBT_PARTIAL_PARSE=0. The artifacts are then the last compile's, its invocation id included.
/// </summary>
public sealed partial class NgdbtEngine
{
    /// <param name="version">The version of ngdbt the artifacts declare (as <see cref="CompileProject"/> is given it).</param>
    public CompileReuseCheck CheckCompileReuse(LoadedProject project, CompileInvocation invocation, string version, Func<string, string?>? environment = null)
    {
        // A target/ that cannot be written fails the compile (NG0035 from Open): never answer for it.
        if (!Parse.SchemaParseCache.Enabled || TargetProblem(project) is not null)
        {
            return CompileReuseCheck.None;
        }

        // The host (the CLI prints and selects) and the adapters (relation names, dialects, the config keys linking
        // accepts) write into the outputs as the core does: each one's build is part of the key (the core's comes with
        // the template cache context).
        string[] builds =
        [
            version,
            System.Reflection.Assembly.GetEntryAssembly()?.ManifestModule.ModuleVersionId.ToString("N") ?? "no host",
            .. Adapters.Types.Order(StringComparer.Ordinal).Select(t => t + ":" + Adapters.Find(t)?.GetType().Assembly.ManifestModule.ModuleVersionId.ToString("N")),
        ];
        string? Key(IReadOnlyList<CatalogEntry> catalog) => CompileInputsKey.Compute(project, builds, invocation.Arguments, invocation.WorkingDirectory, environment ?? Environment.GetEnvironmentVariable, catalog);
        var memo = CompileMemo.Read(project.TargetDir);
        if (memo is null)
        {
            // Nothing to compare with (a first compile, or one after `clean`): the warehouse is read, and the key that
            // only records this compile computed, while the project parses and compiles. They read nothing but the loaded
            // project, the environment and the warehouse's catalog, none of which the compile changes before it takes
            // the catalog (CompileProject waits for it first).
            var read = Task.Run(() => ReadCatalog(project));
            var key = read.ContinueWith(r => r.Result.Catalog is { } c ? Key(c) : null, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return new CompileReuseCheck(null, key) { Warehouse = read };
        }

        var now = ReadCatalog(project);
        if (now.Catalog is not { } catalog)
        {
            return CompileReuseCheck.None with { Warehouse = Task.FromResult(now) };
        }

        var inputs = Key(catalog);
        if (inputs is null)
        {
            return CompileReuseCheck.None;
        }

        return memo.Key == inputs && memo.OutputsCurrent(project.TargetDir)
            ? new CompileReuseCheck(new ReusedCompile(memo.Lines, memo.RawSql, memo.NodeCount), inputs)
            : new CompileReuseCheck(null, inputs) { Warehouse = Task.FromResult(now) };
    }

    private WarehouseRead ReadCatalog(LoadedProject project)
    {
        try
        {
            using var adapter = OpenAdapter(project);
            using var connection = adapter.Connect();
            return new WarehouseRead(connection.ReadCatalog(null), null);
        }
        catch (AdapterSqlException e)
        {
            return new WarehouseRead(null, e);
        }
    }

    /// <summary>After a compile: records its outputs under <paramref name="key"/> when a later compile with the same key
    /// may stand on them (<paramref name="quiet"/>: nothing but the load's diagnostics was reported before the compile).</summary>
    public static void RecordCompile(OpenedProject opened, string? key, CompileOutcome outcome, bool quiet, IReadOnlyList<string> lines, string? rawSql)
    {
        var target = opened.Project.TargetDir;
        if (key is null || !quiet || !outcome.Guarded || outcome.WarehouseChecked || !outcome.Compiled.Success
            || outcome.Compiled.Diagnostics.Count > 0 || !Deterministic(opened.Manifest))
        {
            CompileMemo.Delete(target);
            return;
        }

        CompileMemo.Write(target, key, lines, rawSql, outcome.Compiled.Nodes.Count, outcome.Written);
    }

    /// <summary>Whether every node's compile reads nothing but what the key holds. A unit test qualifies: it renders its
    /// model's (pure) template with the YAML's rows and vars and the catalog's columns.</summary>
    private static bool Deterministic(ProjectManifest manifest)
    {
        if (manifest.TemplateContext is null || manifest.PureMacros is not { } pure || manifest.Jinja is not null)
        {
            return false;
        }

        foreach (var node in manifest.Nodes.Values)
        {
            if (node.Template is { } t && (!t.Pure || t.Jinja is not null))
            {
                return false;
            }

            if (node.Config.PreHooks.Count > 0 || node.Config.PostHooks.Count > 0)
            {
                return false;
            }

            if (node.Test is { IsGeneric: true } test && !Linker.BuiltinTests.Contains(test.TestName) && !pure.Contains("test_" + test.TestName))
            {
                return false;
            }
        }

        return true;
    }
}
