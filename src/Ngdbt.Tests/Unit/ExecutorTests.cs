using System.Collections.Concurrent;
using Ngdbt.Adapters;
using Ngdbt.Compile;
using Ngdbt.Execute;
using Ngdbt.Manifest;
using Ngdbt.Plan;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>The scheduler against a fake adapter whose statements take a known time: parallelism and ordering are
/// observable without depending on how fast DuckDB is today.</summary>
public sealed class ExecutorTests
{
    [Fact]
    public void Independent_nodes_run_in_parallel_and_dependencies_wait()
    {
        // a, b, c, d independent; e depends on a and b.
        var steps = new[] { "a", "b", "c", "d" }.Select(n => Step(n)).ToList();
        steps.Add(Step("e", "model.p.a", "model.p.b"));
        var adapter = new SlowAdapter(TimeSpan.FromMilliseconds(300));
        var run = Executor.Run(new ExecutionPlan(steps), adapter, new ExecuteOptions(4, false, "."), new NullReporter());
        Assert.True(run.Success);
        Assert.Equal(4, adapter.MaxConcurrency);
        Assert.True(adapter.Started["model.p.e"] >= adapter.Finished["model.p.a"] && adapter.Started["model.p.e"] >= adapter.Finished["model.p.b"]);
        Assert.True(run.Elapsed < TimeSpan.FromMilliseconds(1200), $"took {run.Elapsed}");
    }

    [Fact]
    public void One_thread_runs_one_node_at_a_time()
    {
        var adapter = new SlowAdapter(TimeSpan.FromMilliseconds(20));
        var run = Executor.Run(new ExecutionPlan([Step("a"), Step("b"), Step("c")]), adapter, new ExecuteOptions(1, false, "."), new NullReporter());
        Assert.True(run.Success);
        Assert.Equal(1, adapter.MaxConcurrency);
    }

    [Fact]
    public void A_bug_in_one_node_fails_that_node_and_the_run_finishes()
    {
        var adapter = new SlowAdapter(TimeSpan.FromMilliseconds(10)) { Throws = "b" };
        var run = Executor.Run(new ExecutionPlan([Step("a"), Step("b"), Step("c", "model.p.b"), Step("d")]), adapter, new ExecuteOptions(2, false, "."), new NullReporter());
        var byName = run.Results.ToDictionary(r => r.Node.Name);
        Assert.Equal(NodeStatus.Error, byName["b"].Status);
        Assert.Contains("internal error (InvalidOperationException)", byName["b"].Message, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Skipped, byName["c"].Status);
        Assert.Equal(NodeStatus.Success, byName["a"].Status);
        Assert.Equal(NodeStatus.Success, byName["d"].Status);
    }

    private static PlanStep Step(string name, params string[] waits)
    {
        var node = new Node
        {
            UniqueId = $"model.p.{name}",
            ResourceType = ResourceType.Model,
            Name = name,
            PackageName = "p",
            FilePath = $"models/{name}.sql",
            PathInResourceDir = $"{name}.sql",
            Config = NodeConfig.Merge([new Dictionary<string, object?> { ["materialized"] = "table" }]),
            Schema = "main",
            Identifier = name,
        };
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

    private sealed class SlowAdapter(TimeSpan delay) : IDatabaseAdapter, ISqlDialect
    {
        private int _running;
        private readonly Lock _gate = new();

        public ConcurrentDictionary<string, DateTime> Started { get; } = new();

        public ConcurrentDictionary<string, DateTime> Finished { get; } = new();

        public int MaxConcurrency { get; private set; }

        public string? Throws { get; init; }

        public string Type => "fake";

        public ISqlDialect Dialect => this;

        public AdapterCapabilities Capabilities => new(new HashSet<string>(), new HashSet<string>(), true, new HashSet<string>());

        public bool ReadsFiles => true;

        public IAdapterConnection Connect() => new Connection(this);

        public void Dispose()
        {
        }

        public string Quote(string identifier) => identifier;

        public string Relation(string schema, string identifier) => schema + "." + identifier;

        public string ExternalRelation(string location, string? format, string? readOptions = null) => location;

        public string Limit(string sql, int limit) => sql;

        public string Literal(string value) => "'" + value + "'";

        public string Cast(string expression, string type) => expression;

        public string NormalizeType(string type) => type;

        private MaterializeResult Build(RelationRef relation)
        {
            if (relation.Identifier == Throws)
            {
                throw new InvalidOperationException("simulated bug");
            }

            var id = "model.p." + relation.Identifier;
            Started[id] = DateTime.UtcNow;
            lock (_gate)
            {
                MaxConcurrency = Math.Max(MaxConcurrency, ++_running);
            }

            Thread.Sleep(delay);
            lock (_gate)
            {
                _running--;
            }

            Finished[id] = DateTime.UtcNow;
            return new MaterializeResult(1, "OK");
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

            public void Dispose()
            {
            }
        }
    }
}
