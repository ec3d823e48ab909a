using System.Collections.Concurrent;
using System.Diagnostics;
using Ngdbt.Adapters;
using Ngdbt.Plan;

namespace Ngdbt.Execute;

/// <summary><see cref="FileEngine"/> reads seed CSVs for warehouses that cannot read files themselves.</summary>
public sealed record ExecuteOptions(int Threads, bool FailFast, string ProjectRoot, bool FullRefresh = false, bool CreateSchemas = true, IReadOnlyList<Ngdbt.Load.MoneyGuardRule>? MoneyGuard = null, int FailureRowsShown = 5, Func<IDatabaseAdapter>? FileEngine = null, Func<string, RelationRef?>? ResolveModel = null)
{
    /// <summary>Renders a node that reads the warehouse again just before it runs, on the worker's connection (null:
    /// the SQL compiled before the run is used as it is).</summary>
    public Func<PlanStep, IAdapterConnection, RenderedAtRun>? RenderAtRun { get; init; }

    /// <summary>The relation a node (by unique id) is built as, for the inputs of the nodes that read it; null: none.</summary>
    public Func<string, RelationRef?>? NodeRelation { get; init; }
}

/// <summary>Stage 8: runs the plan on N worker threads (one connection each), honouring dependencies. A failed node skips
/// everything downstream of it; with fail-fast, the first failure skips everything not yet started. A node whose inputs
/// the adapter finds too big to share the database's memory (DuckDB's memory_limit) runs alone, and one that ran out of
/// that memory while others ran is run once more, alone.</summary>
public sealed partial class Executor
{
    private readonly ExecutionPlan _plan;
    private readonly IDatabaseAdapter _adapter;
    private readonly ExecuteOptions _options;
    private readonly IRunReporter _reporter;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _remaining = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PlanStep Step, int Index)> _steps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NodeResult> _results = new(StringComparer.Ordinal);
    private readonly BlockingCollection<string> _ready = [];
    private readonly ConcurrentDictionary<string, byte> _schemas = new(StringComparer.Ordinal);

    /// <summary>Nodes run under its read side; a node that must run alone (or reruns after running out of memory beside
    /// others) runs under its write side.</summary>
    private readonly ReaderWriterLockSlim _memory = new(LockRecursionPolicy.NoRecursion);
    private bool _stopping;

    private Executor(ExecutionPlan plan, IDatabaseAdapter adapter, ExecuteOptions options, IRunReporter reporter)
    {
        _plan = plan;
        _adapter = adapter;
        _options = options;
        _reporter = reporter;
    }

    public static RunResult Run(ExecutionPlan plan, IDatabaseAdapter adapter, ExecuteOptions options, IRunReporter reporter)
        => new Executor(plan, adapter, options, reporter).RunCore();

    private RunResult RunCore()
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < _plan.Steps.Count; i++)
        {
            var step = _plan.Steps[i];
            _steps[step.Node.UniqueId] = (step, i + 1);
            _remaining[step.Node.UniqueId] = step.WaitsFor.Count;
            foreach (var parent in step.WaitsFor)
            {
                if (!_dependents.TryGetValue(parent, out var list))
                {
                    _dependents[parent] = list = [];
                }

                list.Add(step.Node.UniqueId);
            }
        }

        if (_plan.Count == 0)
        {
            return new RunResult([], clock.Elapsed);
        }

        foreach (var step in _plan.Steps.Where(s => s.WaitsFor.Count == 0))
        {
            _ready.Add(step.Node.UniqueId);
        }

        var workers = Enumerable.Range(0, Math.Max(1, Math.Min(_options.Threads, _plan.Count)))
            .Select(_ => Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning))
            .ToArray();
        Task.WaitAll(workers);
        var ordered = _plan.Steps.Select(s => _results[s.Node.UniqueId]).ToList();
        return new RunResult(ordered, clock.Elapsed);
    }

    private void Work()
    {
        using var connection = _adapter.Connect();
        var runner = new NodeRunner(connection, _adapter.Dialect, _options, _schemas);
        foreach (var id in _ready.GetConsumingEnumerable())
        {
            var (step, index) = _steps[id];
            NodeResult result;
            lock (_gate)
            {
                if (_stopping)
                {
                    result = Skip(step, "skipped: --fail-fast stopped the run");
                    Complete(step, result, index);
                    continue;
                }
            }

            var description = NodeRunner.Describe(step);
            if (RunsAlone(step, connection) is { } why)
            {
                _reporter.Started(index, _plan.Count, step.Node, $"{description} alone ({why})");
                Complete(step, RunAlone(step, connection, runner), index);
                continue;
            }

            _reporter.Started(index, _plan.Count, step.Node, description);
            result = RunShared(step, connection, runner);
            if (result.OutOfMemory)
            {
                // The database's memory limit is shared by every statement running now: a node that ran out of it
                // beside others runs once more alone (nothing of the failed attempt was kept: builds swap in atomically).
                _reporter.Started(index, _plan.Count, step.Node, description + " again, alone (it ran out of memory beside other statements)");
                result = RunAlone(step, connection, runner);
            }

            Complete(step, result, index);
        }
    }

    /// <summary>The adapter's reason for running the node alone (its inputs would take the shared memory), if any.</summary>
    private string? RunsAlone(PlanStep step, IAdapterConnection connection)
    {
        if (_options.NodeRelation is not { } relationOf || step.Compiled is null)
        {
            return null;
        }

        var inputs = step.Node.DependsOn.Select(relationOf).OfType<RelationRef>().Distinct().ToList();
        try
        {
            return inputs.Count == 0 ? null : connection.RunsAlone(inputs);
        }
        catch (Exception)
        {
            // Only a scheduling hint: if the adapter cannot tell, the node shares (a throw here would end the worker).
            return null;
        }
    }

    private NodeResult RunShared(PlanStep step, IAdapterConnection connection, NodeRunner runner) => RunUnderLock(alone: false, step, connection, runner);

    /// <summary>Under the write side: no other statement runs until this one is done.</summary>
    private NodeResult RunAlone(PlanStep step, IAdapterConnection connection, NodeRunner runner) => RunUnderLock(alone: true, step, connection, runner);

    private NodeResult RunUnderLock(bool alone, PlanStep step, IAdapterConnection connection, NodeRunner runner)
    {
        if (alone)
        {
            _memory.EnterWriteLock();
        }
        else
        {
            _memory.EnterReadLock();
        }

        try
        {
            return Attempt(step, connection, runner);
        }
        finally
        {
            if (alone)
            {
                _memory.ExitWriteLock();
            }
            else
            {
                _memory.ExitReadLock();
            }
        }
    }

    private NodeResult Attempt(PlanStep step, IAdapterConnection connection, NodeRunner runner)
    {
        try
        {
            return RenderAtRun(step, connection, out var current) ?? runner.Run(current);
        }
        catch (Exception e)
        {
            // A bug in a runner must not leave the other workers waiting forever: fail this node loudly, go on.
            return new NodeResult(step.Node, NodeStatus.Error, TimeSpan.Zero, $"internal error ({e.GetType().Name}): {e.Message}; please report it");
        }
    }

    private static NodeResult Skip(PlanStep step, string message) => new(step.Node, NodeStatus.Skipped, TimeSpan.Zero, message);

    private void Complete(PlanStep step, NodeResult result, int index)
    {
        _results[step.Node.UniqueId] = result;
        _reporter.Finished(index, _plan.Count, result, NodeRunner.Describe(step));
        lock (_gate)
        {
            if (result.BlocksDownstream && result.Status != NodeStatus.Skipped && _options.FailFast)
            {
                _stopping = true;
            }

            foreach (var child in _dependents.GetValueOrDefault(step.Node.UniqueId) ?? [])
            {
                if (result.BlocksDownstream && !_results.ContainsKey(child))
                {
                    SkipDownstream(child, $"skipped because {step.Node.Name} {(result.Status == NodeStatus.Skipped ? "was skipped" : "failed")}");
                }

                if (--_remaining[child] == 0 && !_results.ContainsKey(child))
                {
                    _ready.Add(child);
                }
            }

            if (_results.Count == _plan.Count)
            {
                _ready.CompleteAdding();
            }
        }
    }

    /// <summary>Marks a node and everything below it as skipped (under the gate), keeping the dependency counts consistent.</summary>
    private void SkipDownstream(string id, string message)
    {
        if (_results.ContainsKey(id))
        {
            return;
        }

        var (step, index) = _steps[id];
        var result = Skip(step, message);
        _results[id] = result;
        _reporter.Finished(index, _plan.Count, result, NodeRunner.Describe(step));
        foreach (var child in _dependents.GetValueOrDefault(id) ?? [])
        {
            SkipDownstream(child, $"skipped because {step.Node.Name} was skipped");
            --_remaining[child];
        }
    }
}
