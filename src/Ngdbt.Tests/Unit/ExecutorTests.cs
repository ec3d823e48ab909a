using System.Collections.Concurrent;
using Ngdbt.Adapters;
using Ngdbt.Compile;
using Ngdbt.Execute;
using Ngdbt.Manifest;
using Ngdbt.Plan;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>The scheduler against a fake adapter: parallelism is proven by a rendezvous (the first N builds wait for
/// each other, which only succeeds if N run at once) and ordering by a logical clock, so nothing depends on timing.</summary>
public sealed class ExecutorTests
{
    [Fact]
    public void Independent_nodes_run_in_parallel_and_dependencies_wait()
    {
        // a, b, c, d independent; e depends on a and b.
        var steps = new[] { "a", "b", "c", "d" }.Select(n => Step(n)).ToList();
        steps.Add(Step("e", "model.p.a", "model.p.b"));
        using var adapter = new SlowAdapter(rendezvous: 4);
        var run = Executor.Run(new ExecutionPlan(steps), adapter, new ExecuteOptions(4, false, "."), new NullReporter());
        Assert.True(run.Success, string.Join("; ", run.Results.Select(r => r.Message)));
        Assert.Equal(4, adapter.MaxConcurrency);
        Assert.True(adapter.Started["model.p.e"] > adapter.Finished["model.p.a"] && adapter.Started["model.p.e"] > adapter.Finished["model.p.b"]);
    }

    [Fact]
    public void One_thread_runs_one_node_at_a_time()
    {
        using var adapter = new SlowAdapter(rendezvous: 0);
        var run = Executor.Run(new ExecutionPlan([Step("a"), Step("b"), Step("c")]), adapter, new ExecuteOptions(1, false, "."), new NullReporter());
        Assert.True(run.Success);
        Assert.Equal(1, adapter.MaxConcurrency);
    }

    [Fact]
    public void A_bug_in_one_node_fails_that_node_and_the_run_finishes()
    {
        using var adapter = new SlowAdapter(rendezvous: 0) { Throws = "b" };
        var run = Executor.Run(new ExecutionPlan([Step("a"), Step("b"), Step("c", "model.p.b"), Step("d")]), adapter, new ExecuteOptions(2, false, "."), new NullReporter());
        var byName = run.Results.ToDictionary(r => r.Node.Name);
        Assert.Equal(NodeStatus.Error, byName["b"].Status);
        Assert.Contains("internal error (InvalidOperationException)", byName["b"].Message, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Skipped, byName["c"].Status);
        Assert.Equal(NodeStatus.Success, byName["a"].Status);
        Assert.Equal(NodeStatus.Success, byName["d"].Status);
    }

    [Fact]
    public void A_node_that_runs_out_of_shared_memory_beside_another_runs_again_alone()
    {
        // a and b meet (both running); b then fails for want of memory, as DuckDB does when two big statements share
        // its memory_limit. It must run once more with nothing else running, and pass.
        using var adapter = new SlowAdapter(rendezvous: 2) { OutOfMemoryWhenShared = "b" };
        var reporter = new RecordingReporter();
        var run = Executor.Run(new ExecutionPlan([Step("a"), Step("b"), Step("c", "model.p.b")]), adapter, new ExecuteOptions(2, false, "."), reporter);
        Assert.True(run.Success, string.Join("; ", run.Results.Select(r => r.Node.Name + ": " + r.Message)));
        Assert.Equal(2, adapter.Attempts["model.p.b"]);
        Assert.Equal(1, adapter.RunningAtLastAttempt["model.p.b"]);
        Assert.Contains(reporter.Descriptions, d => d.Contains("again, alone", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_out_of_memory_even_alone_fails_after_one_more_attempt()
    {
        using var adapter = new SlowAdapter(rendezvous: 0) { OutOfMemoryAlways = "b" };
        var run = Executor.Run(new ExecutionPlan([Step("a"), Step("b")]), adapter, new ExecuteOptions(2, false, "."), new NullReporter());
        var b = run.Results.Single(r => r.Node.Name == "b");
        Assert.Equal(NodeStatus.Error, b.Status);
        Assert.Contains("Out of Memory Error", b.Message, StringComparison.Ordinal);
        Assert.Equal(2, adapter.Attempts["model.p.b"]);
    }

    [Fact]
    public void A_node_whose_inputs_the_adapter_finds_too_big_to_share_memory_runs_alone()
    {
        // heavy, x and y become ready together once src and big are built. The adapter says a statement reading big
        // must run alone; heavy's build waits (bounded) for company, so it sees x or y running unless it runs alone.
        using var adapter = new SlowAdapter(rendezvous: 0) { AloneWhenReading = "big", WaitsForCompany = "heavy" };
        var reporter = new RecordingReporter();
        var steps = new[] { Step("src"), Step("big"), Step("heavy", "model.p.src", "model.p.big"), Step("x", "model.p.src"), Step("y", "model.p.src") };
        var options = new ExecuteOptions(3, false, ".") { NodeRelation = id => new RelationRef("main", id.Split('.')[^1]) };
        var run = Executor.Run(new ExecutionPlan(steps), adapter, options, reporter);
        Assert.True(run.Success, string.Join("; ", run.Results.Select(r => r.Node.Name + ": " + r.Message)));
        Assert.Equal(1, adapter.RunningAtLastAttempt["model.p.heavy"]);
        Assert.Equal(1, adapter.Attempts["model.p.heavy"]);
        Assert.Contains(reporter.Descriptions, d => d == "table model main.heavy alone (main.big is big)");
        Assert.DoesNotContain(reporter.Descriptions, d => d.Contains("main.x alone", StringComparison.Ordinal));
    }

    [Fact]
    public void An_adapter_that_cannot_tell_whether_a_node_must_run_alone_lets_it_share_and_the_run_finishes()
    {
        // Before the catch, the exception ended the worker thread and the other workers waited for its node forever.
        using var adapter = new SlowAdapter(rendezvous: 2) { AloneThrows = true };
        var options = new ExecuteOptions(2, false, ".") { NodeRelation = id => new RelationRef("main", id.Split('.')[^1]) };
        var run = Executor.Run(new ExecutionPlan([Step("src"), Step("other"), Step("a", "model.p.src"), Step("b", "model.p.src")]), adapter, options, new NullReporter());
        Assert.True(run.Success, string.Join("; ", run.Results.Select(r => r.Node.Name + ": " + r.Message)));
        Assert.Equal(4, run.Results.Count(r => r.Status == NodeStatus.Success));
    }

    private sealed class RecordingReporter : IRunReporter
    {
        public ConcurrentBag<string> Descriptions { get; } = [];

        public void Started(int index, int total, Node node, string description) => Descriptions.Add(description);

        public void Finished(int index, int total, NodeResult result, string description)
        {
        }
    }

    private static PlanStep Step(string name, params string[] waits)
    {
        var node = TestNodes.Model(name, new Dictionary<string, object?> { ["materialized"] = "table" }, waits);
        return new PlanStep(node, StepKind.Table, new CompiledNode(node.UniqueId, "select 1", new RelationRef("main", name), false, []), waits);
    }

    private sealed class NullReporter : IRunReporter
    {
        public void Started(int index, int total, Node node, string description)
        {
        }

        public void Finished(int index, int total, NodeResult result, string description)
        {
        }
    }

    private sealed class SlowAdapter(int rendezvous) : IDatabaseAdapter
    {
        private readonly Lock _gate = new();
        private readonly CountdownEvent _meet = new(Math.Max(1, rendezvous));
        private readonly CountdownEvent _leave = new(Math.Max(1, rendezvous));
        private int _running;
        private int _arrived;
        private long _clock;

        /// <summary>Logical times (a counter), not wall-clock: ordering without timing.</summary>
        public ConcurrentDictionary<string, long> Started { get; } = new();

        public ConcurrentDictionary<string, long> Finished { get; } = new();

        public int MaxConcurrency { get; private set; }

        public string? Throws { get; init; }

        /// <summary>This model fails with DuckDB's out-of-memory error while another build runs.</summary>
        public string? OutOfMemoryWhenShared { get; init; }

        /// <summary>This model always fails with DuckDB's out-of-memory error.</summary>
        public string? OutOfMemoryAlways { get; init; }

        public ConcurrentDictionary<string, int> Attempts { get; } = new();

        /// <summary>A statement reading this relation runs alone (the adapter's <see cref="IAdapterConnection.RunsAlone"/>).</summary>
        public string? AloneWhenReading { get; init; }

        /// <summary><see cref="IAdapterConnection.RunsAlone"/> throws, as a catalog query with an unexpected type did.</summary>
        public bool AloneThrows { get; init; }

        /// <summary>This model's build waits up to 2 s for another build to be running (so sharing would show).</summary>
        public string? WaitsForCompany { get; init; }

        public ConcurrentDictionary<string, int> RunningAtLastAttempt { get; } = new();

        public string Type => "fake";

        public ISqlDialect Dialect { get; } = new PlainDialect();

        public AdapterCapabilities Capabilities => new(new HashSet<string>(), new HashSet<string>(), true, new HashSet<string>());

        public IAdapterConnection Connect() => new Connection(this);

        public void Dispose()
        {
            _meet.Dispose();
            _leave.Dispose();
        }

        private MaterializeResult Build(RelationRef relation)
        {
            if (relation.Identifier == Throws)
            {
                throw new InvalidOperationException("simulated bug");
            }

            var id = "model.p." + relation.Identifier;
            Started[id] = Interlocked.Increment(ref _clock);
            lock (_gate)
            {
                MaxConcurrency = Math.Max(MaxConcurrency, ++_running);
            }

            // The first `rendezvous` builds wait for each other: that only completes if they run at the same time.
            // Each counts the builds running while all of them are met, and none leaves before all have counted, so
            // a build that finishes first cannot make another's count look lower than it was.
            int? runningAtMeet = null;
            if (rendezvous > 0 && Interlocked.Increment(ref _arrived) <= rendezvous)
            {
                Meet(_meet);
                runningAtMeet = Volatile.Read(ref _running);
                Meet(_leave);
            }

            if (relation.Identifier == WaitsForCompany)
            {
                SpinWait.SpinUntil(() => Volatile.Read(ref _running) > 1, TimeSpan.FromSeconds(2));
            }

            Attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            bool shared;
            lock (_gate)
            {
                var running = runningAtMeet ?? _running;
                RunningAtLastAttempt[id] = running;
                shared = running > 1;
                _running--;
            }

            if ((relation.Identifier == OutOfMemoryWhenShared && shared) || relation.Identifier == OutOfMemoryAlways)
            {
                throw new AdapterSqlException("Out of Memory Error: could not allocate block of size 256.0 KiB (953.7 MiB/953.6 MiB used)") { OutOfMemory = true };
            }

            Finished[id] = Interlocked.Increment(ref _clock);
            return new MaterializeResult(1, "OK");
        }

        private void Meet(CountdownEvent gate)
        {
            gate.Signal();
            if (!gate.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"only {rendezvous - gate.CurrentCount} of {rendezvous} builds ran at once");
            }
        }

        private sealed class Connection(SlowAdapter owner) : IAdapterConnection
        {
            public RelationKind? GetRelationKind(RelationRef relation) => null;

            public void EnsureSchema(string schema)
            {
            }

            public MaterializeResult CreateView(RelationRef relation, string sql, TableLayout? layout = null) => owner.Build(relation);

            public MaterializeResult CreateTable(RelationRef relation, string sql, TableLayout? layout = null) => owner.Build(relation);

            public MaterializeResult Incremental(RelationRef relation, string sql, IncrementalStrategy strategy, IReadOnlyList<string> uniqueKey, TableLayout? layout = null) => owner.Build(relation);

            public MaterializeResult LoadSeed(RelationRef relation, string csvPath, IReadOnlyDictionary<string, string> columnTypes) => owner.Build(relation);

            public MaterializeResult Snapshot(RelationRef relation, string sql, SnapshotSpec spec, TableLayout? layout = null) => owner.Build(relation);

            public long Export(RelationRef relation, string path, string format) => 0;

            public IReadOnlyList<string> Glob(string pattern) => [];

            public QueryResult Query(string sql, int? maxRows = null) => new([], []);

            public IReadOnlyList<ColumnInfo> Describe(string sql) => [];

            public long Execute(string sql) => 0;

            public System.Data.IDataReader Stream(string sql) => throw new NotSupportedException();

            public MaterializeResult BulkLoad(RelationRef relation, IReadOnlyList<ColumnInfo> columns, System.Data.IDataReader rows, bool append, Action<long>? progress = null, string? alsoExecute = null, TableLayout? layout = null) => owner.Build(relation);

            public string ServerVersion() => "fake";

            public void DropRelation(RelationRef relation)
            {
            }

            public IReadOnlyList<CatalogEntry> ReadCatalog(IReadOnlyCollection<RelationRef>? relations) => [];

            public string? RunsAlone(IReadOnlyCollection<RelationRef> inputs)
                => owner.AloneThrows ? throw new InvalidCastException("Unable to cast object of type 'System.Numerics.BigInteger'") : inputs.Any(r => r.Identifier == owner.AloneWhenReading) ? $"main.{owner.AloneWhenReading} is big" : null;

            public void Dispose()
            {
            }
        }
    }
}
