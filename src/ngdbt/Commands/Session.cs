using System.CommandLine;
using Ngdbt.Adapters;
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

    public static LoadedProject? LoadProject(ParseResult parse, ConsoleOutput output)
    {
        var load = CliAdapters.Engine.Load(Options(parse));
        output.Diagnostics(load.Diagnostics);
        return load.Success ? load.Project : null;
    }

    private static LoadOptions Options(ParseResult parse) => new(
        parse.GetValue(CommonOptions.ProjectDir) ?? ".",
        parse.GetValue(CommonOptions.ProfilesDir),
        parse.GetValue(CommonOptions.Target),
        parse.GetValue(CommonOptions.Vars),
        parse.GetValue(CommonOptions.Threads));

    public static void Time(string stage, System.Diagnostics.Stopwatch clock) => Diagnostics.StageTimings.Report(stage, clock);

    /// <summary>Stages 1–4. Returns null (after printing why) when the project has errors.</summary>
    public static Session? Open(ParseResult parse, ConsoleOutput output, bool quiet = false)
    {
        var opened = CliAdapters.Engine.Open(Options(parse));
        output.Diagnostics(opened.Diagnostics);
        if (opened.Project is null || opened.Diagnostics.Any(d => d.IsError))
        {
            return null;
        }

        if (!quiet)
        {
            output.Line($"Running with ngdbt={Version}");
            output.Line(Summary(opened.Project.Manifest));
        }

        return new Session(parse, output, opened.Project);
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
