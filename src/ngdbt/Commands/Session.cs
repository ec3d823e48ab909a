using System.CommandLine;
using Ngdbt.Adapters;
using Ngdbt.Cli.Hosting;
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

    private Session(ParseResult parse, ConsoleOutput output, Engine.OpenedProject opened)
    {
        Parse = parse;
        Output = output;
        Opened = opened;
    }

    public Engine.OpenedProject Opened { get; }

    public ParseResult Parse { get; }

    public ConsoleOutput Output { get; }

    public ProjectManifest Manifest => Opened.Manifest;

    public Dag Dag => Opened.Dag;

    public LoadedProject Project => Manifest.Project;

    public static string Version => typeof(Session).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    public static LoadedProject? LoadProject(ParseResult parse, ConsoleOutput output) => Load(parse, output)?.Project;

    private static LoadOptions Options(ParseResult parse) => new(
        parse.Value(CommonOptions.ProjectDir) ?? ".",
        parse.Value(CommonOptions.ProfilesDir),
        parse.Value(CommonOptions.Target),
        parse.Value(CommonOptions.Vars),
        parse.Value(CommonOptions.Threads));

    public static void Time(string stage, System.Diagnostics.Stopwatch clock) => Diagnostics.StageTimings.Report(stage, clock);

    /// <summary>Stages 1–4. Returns null (after printing why) when the project has errors.</summary>
    public static Session? Open(ParseResult parse, ConsoleOutput output, bool quiet = false)
    {
        var opened = CliAdapters.Engine.Open(Options(parse));
        output.Diagnostics(opened.Diagnostics);
        return FromOpened(parse, output, opened, quiet, 0);
    }

    /// <summary>Stage 1 alone (its diagnostics printed), for a verb that looks at the loaded files before going on with
    /// <see cref="Open(ParseResult, ConsoleOutput, LoadResult)"/>; null when the project cannot load.</summary>
    public static LoadResult? Load(ParseResult parse, ConsoleOutput output)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var load = CliAdapters.Engine.Load(Options(parse));
        Time("load", clock);
        output.Diagnostics(load.Diagnostics);
        return load.Success ? load : null;
    }

    /// <summary>Stages 2–4 of a project <see cref="Load"/> loaded (whose diagnostics are printed already).</summary>
    /// <param name="fingerprintState">The verb compiles and writes state.json: its fingerprints begin while the graph is built.</param>
    public static Session? Open(ParseResult parse, ConsoleOutput output, LoadResult load, bool fingerprintState = false)
    {
        var opened = CliAdapters.Engine.Open(load, fingerprintState);
        var later = opened.Diagnostics.Skip(load.Diagnostics.Count).ToList();
        output.Diagnostics(later);
        return FromOpened(parse, output, opened, false, later.Count);
    }

    private static Session? FromOpened(ParseResult parse, ConsoleOutput output, Engine.OpenResult opened, bool quiet, int reported)
    {
        if (opened.Project is null || opened.Diagnostics.Any(d => d.IsError))
        {
            return null;
        }

        if (!quiet)
        {
            output.Line($"Running with ngdbt={Version}");
            output.Line(Summary(opened.Project.Manifest));
        }

        return new Session(parse, output, opened.Project) { Reported = reported };
    }

    /// <summary>How many diagnostics this session printed after the project loaded (the manifest's, the graph's, the
    /// selection's and --state's).</summary>
    public int Reported { get; private set; }

    public static string Summary(ProjectManifest m)
    {
        int Count(ResourceType t) => m.Nodes.Values.Count(n => n.ResourceType == t);
        return $"Found {Count(ResourceType.Model)} models, {Count(ResourceType.Seed)} seeds, {Count(ResourceType.Test)} data tests, {Count(ResourceType.UnitTest)} unit tests, {Count(ResourceType.Snapshot)} snapshots, {Count(ResourceType.Source)} sources, {m.Macros.Count} macros";
    }

    public IReadOnlySet<string>? Selection(params ResourceType[] types)
    {
        if (!LoadState())
        {
            return null;
        }

        var result = NodeSelector.Select(Manifest, Dag, Parse.Value(CommonOptions.Select), Parse.Value(CommonOptions.Exclude), types.ToHashSet(), State);
        Output.Diagnostics(result.Diagnostics);
        Reported += result.Diagnostics.Count;
        DeclaredSelection = result.Declared;
        return result.Diagnostics.Any(d => d.IsError) ? null : result.Selected;
    }

    /// <summary>The exposures, metrics and semantic models the last <see cref="Selection"/> matched (for `ls`).</summary>
    public IReadOnlySet<string> DeclaredSelection { get; private set; } = new HashSet<string>();

    /// <summary>Exactly these nodes (those still in the project and of the verb's types), with `--state` loaded for
    /// `--defer`: what `retry` re-runs.</summary>
    public IReadOnlySet<string>? Exactly(IReadOnlyCollection<string> ids, params ResourceType[] types)
    {
        if (!LoadState())
        {
            return null;
        }

        return ids.Where(id => Manifest.Nodes.TryGetValue(id, out var n) && types.Contains(n.ResourceType)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>`--state DIR` compared with this project (null without --state); set by <see cref="LoadState"/>.</summary>
    public State.StateComparison? State { get; private set; }

    /// <summary>`--defer` (with `--favor-state`), or null.</summary>
    public Engine.DeferOptions? Defer => Parse.Result(CommonOptions.Defer) is not null && Parse.Value(CommonOptions.Defer) && State is not null
        ? new Engine.DeferOptions(State, Parse.Result(CommonOptions.FavorState) is not null && Parse.Value(CommonOptions.FavorState))
        : null;

    public bool LoadState()
    {
        var dir = Parse.Result(CommonOptions.State) is null ? null : Parse.Value(CommonOptions.State);
        var defer = Parse.Result(CommonOptions.Defer) is not null && Parse.Value(CommonOptions.Defer);
        if (dir is null)
        {
            if (defer)
            {
                Output.Diagnostics([Diagnostics.Diagnostic.Error(Diagnostics.DiagnosticCodes.StateRequired, new Diagnostics.SourceSpan("--defer", 1, 1), "--defer reads the relations of a previous run: pass --state DIR (the target/ folder of that run)")]);
                return false;
            }

            return true;
        }

        // Relative to the current folder, as dbt reads it; else to the project folder (--project-dir runs).
        if (!Path.IsPathRooted(dir) && !Directory.Exists(dir) && Directory.Exists(Path.Combine(Project.Root, dir)))
        {
            dir = Path.Combine(Project.Root, dir);
        }

        var (state, diagnostics) = Engine.NgdbtEngine.LoadState(Opened, dir);
        Output.Diagnostics(diagnostics);
        Reported += diagnostics.Count;
        State = state;
        return state is not null;
    }

    public IDatabaseAdapter OpenAdapter(bool readOnly = false) => CliAdapters.Engine.OpenAdapter(Project, readOnly);

    /// <summary>Stage 6 for the selected nodes, knowing which relations exist (for is_incremental()).</summary>
    public CompileResult Compile(IDatabaseAdapter adapter, IEnumerable<string> ids, bool fullRefresh)
    {
        var result = Engine.NgdbtEngine.Compile(Opened, adapter, ids, fullRefresh);
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

    public string RelationName(IDatabaseAdapter adapter, Node node) => Engine.NgdbtEngine.RelationName(adapter, node);
}
