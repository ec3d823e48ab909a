using System.CommandLine;
using Ngdbt.Adapters;
using Ngdbt.Adapters.DuckDb;
using Ngdbt.Cli.Output;
using Ngdbt.Compile;
using Ngdbt.Graph;
using Ngdbt.Load;
using Ngdbt.Manifest;
using Ngdbt.Select;

namespace Ngdbt.Cli.Commands;

/// <summary>Composes the stages for a verb: load → manifest → graph → select; each step prints its diagnostics and stops on errors.</summary>
internal sealed class Session
{
    public const int ExitOk = 0;
    public const int ExitNodeFailure = 1;
    public const int ExitUsage = 2;

    private Session(ParseResult parse, ConsoleOutput output, ProjectManifest manifest, Dag dag)
    {
        Parse = parse;
        Output = output;
        Manifest = manifest;
        Dag = dag;
    }

    public ParseResult Parse { get; }

    public ConsoleOutput Output { get; }

    public ProjectManifest Manifest { get; }

    public Dag Dag { get; }

    public LoadedProject Project => Manifest.Project;

    public static string Version => typeof(Session).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    public static LoadedProject? LoadProject(ParseResult parse, ConsoleOutput output)
    {
        var load = ProjectLoader.Load(new LoadOptions(
            parse.GetValue(CommonOptions.ProjectDir) ?? ".",
            parse.GetValue(CommonOptions.ProfilesDir),
            parse.GetValue(CommonOptions.Target),
            parse.GetValue(CommonOptions.Vars),
            parse.GetValue(CommonOptions.Threads)));
        output.Diagnostics(load.Diagnostics);
        return load.Success ? load.Project : null;
    }

    /// <summary>Stages 1–4. Returns null (after printing why) when the project has errors.</summary>
    public static void Time(string stage, System.Diagnostics.Stopwatch clock) => Diagnostics.StageTimings.Report(stage, clock);

    public static Session? Open(ParseResult parse, ConsoleOutput output, bool quiet = false)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var project = LoadProject(parse, output);
        Time("load", clock);
        if (project is null)
        {
            return null;
        }

        var manifest = ManifestBuilder.Build(project);
        Time("parse+manifest", clock);
        output.Diagnostics(manifest.Diagnostics);
        if (!manifest.Success)
        {
            return null;
        }

        var dag = DagBuilder.Build(manifest.Manifest!);
        Time("graph", clock);
        output.Diagnostics(dag.Diagnostics);
        if (dag.Dag is null)
        {
            return null;
        }

        if (!quiet)
        {
            output.Line($"Running with ngdbt={Version}");
            output.Line(Summary(manifest.Manifest!));
        }

        return new Session(parse, output, manifest.Manifest!, dag.Dag);
    }

    public static string Summary(ProjectManifest m)
    {
        int Count(ResourceType t) => m.Nodes.Values.Count(n => n.ResourceType == t);
        return $"Found {Count(ResourceType.Model)} models, {Count(ResourceType.Seed)} seeds, {Count(ResourceType.Test)} data tests, {Count(ResourceType.UnitTest)} unit tests, {Count(ResourceType.Snapshot)} snapshots, {Count(ResourceType.Source)} sources, {m.Macros.Count} macros";
    }

    public IReadOnlySet<string>? Selection(params ResourceType[] types)
    {
        var result = NodeSelector.Select(Manifest, Dag, Parse.GetValue(CommonOptions.Select), Parse.GetValue(CommonOptions.Exclude), types.ToHashSet());
        Output.Diagnostics(result.Diagnostics);
        return result.Diagnostics.Any(d => d.IsError) ? null : result.Selected;
    }

    public IDatabaseAdapter OpenAdapter(bool readOnly = false) => Project.Target.Type switch
    {
        "duckdb" => new DuckDbAdapter(Project.Target, readOnly),
        var other => throw new AdapterSqlException($"adapter type '{other}' is not available in this build (supported: duckdb)"),
    };

    /// <summary>Stage 6 for the selected nodes, knowing which relations exist (for is_incremental()).</summary>
    public CompileResult Compile(IDatabaseAdapter adapter, IEnumerable<string> ids, bool fullRefresh)
    {
        using var connection = adapter.Connect();
        var catalog = connection.ReadCatalog(null);
        // is_incremental() needs an existing table: a view left by an earlier materialization means a full build.
        var existing = catalog.Where(c => c.Kind == RelationKind.Table).Select(c => c.Relation).ToHashSet();
        var columns = catalog.ToDictionary(c => c.Relation, c => c.Columns);
        var result = Compiler.Compile(Manifest, ids, new CompileOptions(adapter.Dialect, existing, fullRefresh, columns));
        Output.Diagnostics(result.Diagnostics);
        return result;
    }

    /// <summary><see cref="Alongside{T}"/> for work without a result.</summary>
    public static void Alongside(Action write, Action work) => Alongside(write, () =>
    {
        work();
        return 0;
    });

    /// <summary>Runs <paramref name="work"/> while another thread writes an artifact; the artifact is complete (or its
    /// write error raised) before this returns, whatever <paramref name="work"/> does.</summary>
    public static T Alongside<T>(Action write, Func<T> work)
    {
        var writing = Task.Run(write);
        try
        {
            return work();
        }
        finally
        {
            writing.GetAwaiter().GetResult();
        }
    }

    public string RelationName(IDatabaseAdapter adapter, Node node)
        => node.ResourceType == ResourceType.Source && node.ExternalLocation is not null
            ? node.ExternalLocation
            : adapter.Dialect.Relation(node.Schema, node.Identifier);
}
