using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Diagnostics;
using Ngdbt.Execute;
using Ngdbt.Manifest;
using Ngdbt.Plan;

namespace Ngdbt.Engine;

/// <summary>What `run`/`seed`/`test`/`snapshot`/`build` ask of the engine.</summary>
public sealed record ExecuteRequest(
    IReadOnlySet<string> Selected,
    bool FullRefresh,
    bool FailFast,
    IReadOnlyList<string> InvocationArgs,
    string Version)
{
    /// <summary>`--defer --state DIR`: refs to unselected nodes not built here read the state's relations.</summary>
    public DeferOptions? Defer { get; init; }

    /// <summary>The verb (`run`, `build`, ...) and its arguments as parsed, recorded in run_results.json for `retry`.</summary>
    public string? Which { get; init; }

    public IReadOnlyList<string>? CliArgs { get; init; }

    /// <summary>`--empty`: build models from zero-row inputs (schema, SQL and contract checks only).</summary>
    public bool Empty { get; init; }

    /// <summary>`--sample`: inputs with an event time are read for this window only (dev runs).</summary>
    public Compile.SampleWindow? Sample { get; init; }
}

/// <summary>The host's side of an invocation: where diagnostics, progress lines and node results go.</summary>
public interface IEngineListener : IRunReporter
{
    void Diagnostics(IReadOnlyList<Diagnostic> diagnostics);

    void Info(string message, string? color = null);
}

public enum ExecuteStatus
{
    Success,
    NodeFailure,
    ProjectError,
    NothingToDo,
}

public sealed record ExecuteOutcome(ExecuteStatus Status, RunResult? Run);

public sealed partial class NgdbtEngine
{
    /// <summary>Verify and load sources, compile, write compiled SQL and manifest.json, plan, run, write run_results.json.</summary>
    public ExecuteOutcome Execute(OpenedProject opened, ExecuteRequest request, IEngineListener listener)
    {
        var project = opened.Project;
        using var adapter = OpenAdapter(project);
        var capabilities = CapabilityCheck.Check(opened.Manifest, request.Selected, adapter.Type, adapter.Capabilities, adapter.Dialect);
        listener.Diagnostics(capabilities);
        if (capabilities.Count > 0)
        {
            return new ExecuteOutcome(ExecuteStatus.ProjectError, null);
        }

        if (!PrepareSources(opened, request.Selected, adapter, listener))
        {
            return new ExecuteOutcome(ExecuteStatus.ProjectError, null);
        }

        WarnStaleSources(opened, request.Selected, adapter, listener);

        var (compiled, compileOptions) = Compile(opened, adapter, request.Selected, request.FullRefresh, request.Defer, request.Empty, request.Sample, atRun: true);
        listener.Diagnostics(compiled.Diagnostics);
        if (compiled.Nodes.Count == 0 && !compiled.Success)
        {
            return new ExecuteOutcome(ExecuteStatus.ProjectError, null);
        }

        CompiledFiles.Write(project, compiled.Nodes, opened.Manifest);
        ArtifactWriter.WriteManifest(opened.Manifest, compiled.Nodes, n => RelationName(adapter, n), request.Version);
        WriteState(opened, adapter);
        var plan = ExecutionPlanner.Plan(opened.Manifest, opened.Dag, request.Selected, compiled.Nodes);
        if (plan.Count == 0)
        {
            return new ExecuteOutcome(ExecuteStatus.NothingToDo, null);
        }

        var threads = project.Target.Threads;
        listener.Info($"Concurrency: {threads} threads (target='{project.Target.TargetName}')");
        listener.Info(string.Empty);
        var renderedAtRun = new System.Collections.Concurrent.ConcurrentDictionary<string, Compile.CompiledNode>(StringComparer.Ordinal);
        var options = new ExecuteOptions(threads, request.FailFast, project.Root, request.FullRefresh, MoneyGuard: project.Config.MoneyGuard, FileEngine: Adapters.FileEngine, ResolveModel: name => opened.Manifest.FindRelation(name) is { } n ? new RelationRef(n.Schema, n.Identifier) : null)
        {
            RenderAtRun = compileOptions is null ? null : RenderAtRun(opened, compileOptions, renderedAtRun, listener),
            NodeRelation = id => opened.Manifest.Nodes.TryGetValue(id, out var n) && n.IsRelation && n.ResourceType != Manifest.ResourceType.Source ? new RelationRef(n.Schema, n.Identifier) : null,
        };
        if (!RunOperations(opened, adapter, project.Config.OnRunStart, "on-run-start", listener))
        {
            return new ExecuteOutcome(ExecuteStatus.NodeFailure, null);
        }

        var run = Executor.Run(plan, adapter, options, listener);
        var executed = WriteRenderedAtRun(opened, adapter, compiled.Nodes, renderedAtRun, request.Version);
        ArtifactWriter.WriteRunResults(project.TargetDir, opened.Manifest.ProjectName, run, request.InvocationArgs, request.Version, project.Target.Type, executed, n => RelationName(adapter, n), request.Which, request.CliArgs);
        var ended = RunOperations(opened, adapter, project.Config.OnRunEnd, "on-run-end", listener, RunEndGlobals(run));
        return new ExecuteOutcome(run.Success && compiled.Success && ended ? ExecuteStatus.Success : ExecuteStatus.NodeFailure, run);
    }

    /// <summary>The project's on-run-start / on-run-end statements, in order, each on its own; the first failure stops
    /// them and is reported with the statement's place in project.yml.</summary>
    private static bool RunOperations(OpenedProject opened, IDatabaseAdapter adapter, IReadOnlyList<string> statements, string what, IEngineListener listener, IReadOnlyDictionary<string, object?>? globals = null)
    {
        if (statements.Count == 0)
        {
            return true;
        }

        using var connection = adapter.Connect();
        for (var i = 0; i < statements.Count; i++)
        {
            var label = $"{what}[{i}]";
            var (sql, error) = Ngdbt.Compile.Compiler.RenderOperation(opened.Manifest, statements[i], label, globals);
            if (error is not null)
            {
                listener.Diagnostics([error]);
                return false;
            }

            if (string.IsNullOrWhiteSpace(sql))
            {
                listener.Info($"{label}: nothing to run");
                continue;
            }

            try
            {
                connection.Execute(sql!);
                listener.Info($"{label}: OK");
            }
            catch (AdapterSqlException e)
            {
                listener.Diagnostics([Diagnostic.Error(DiagnosticCodes.SqlError, new SourceSpan(opened.Project.Config.File, 1, 1), $"database error in {label}: {e.Message}")]);
                return false;
            }
        }

        return true;
    }

    /// <summary>What on-run-end sees, as in dbt: `results` (each node's result: `node` with unique_id, name,
    /// resource_type, schema and alias; `status`, `message`, `execution_time`, `failures`) and `schemas` (the schemas
    /// this run built into).</summary>
    private static Dictionary<string, object?> RunEndGlobals(RunResult run)
    {
        var results = run.Results.Select(r => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["node"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["unique_id"] = r.Node.UniqueId,
                ["name"] = r.Node.Name,
                ["resource_type"] = r.Node.ResourceType.ToString().ToLowerInvariant(),
                ["schema"] = r.Node.Schema,
                ["alias"] = r.Node.Identifier,
            },
            ["status"] = r.Status.ToString().ToLowerInvariant(),
            ["message"] = r.Message,
            ["execution_time"] = Math.Round((decimal)r.ExecutionTime.TotalMilliseconds / 1000m, 4),
            ["failures"] = r.Failures,
        }).ToList();
        var schemas = run.Results.Where(r => r.Node.IsRelation && r.Status == NodeStatus.Success).Select(r => r.Node.Schema)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(s => (object?)s).ToList();
        return new Dictionary<string, object?>(StringComparer.Ordinal) { ["results"] = results, ["schemas"] = schemas };
    }

    /// <summary>File sources upstream of the selection: their files must match the declared schema, and a warehouse that
    /// cannot read files gets them loaded first.</summary>
    private bool PrepareSources(OpenedProject opened, IReadOnlySet<string> selected, IDatabaseAdapter adapter, IEngineListener listener)
    {
        var sources = selected.SelectMany(id => opened.Dag.Ancestors(id).Append(id)).Distinct(StringComparer.Ordinal)
            .Select(id => opened.Manifest.Nodes[id])
            .Where(n => n.ResourceType == ResourceType.Source && n.ExternalLocation is not null)
            .OrderBy(n => n.UniqueId, StringComparer.Ordinal).ToList();
        if (sources.Count == 0)
        {
            return true;
        }

        IDatabaseAdapter? fileEngine = null;
        try
        {
            if (!adapter.Dialect.ReadsFiles)
            {
                fileEngine = Adapters.FileEngine?.Invoke() ?? throw new AdapterSqlException($"{adapter.Type} cannot read files and this host offers no file engine to load file sources with");
            }

            var reader = fileEngine ?? adapter;
            using (var connection = reader.Connect())
            {
                var problems = SourceVerifier.Verify(opened.Manifest, sources, connection, reader.Dialect);
                listener.Diagnostics(problems);
                if (problems.Any(d => d.IsError))
                {
                    listener.Info("Source files do not match their declared schema; nothing was built.", "red");
                    return false;
                }
            }

            if (fileEngine is null)
            {
                return true;
            }

            var loaded = new SourceLoader(adapter, fileEngine, opened.Manifest, m => listener.Info(m)).Load(sources);
            listener.Diagnostics(loaded);
            return loaded.Count == 0;
        }
        finally
        {
            fileEngine?.Dispose();
        }
    }
}
