using System.Text.RegularExpressions;
using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Diff;
using Ngdbt.Load;
using Ngdbt.Manifest;
using Ngdbt.State;

namespace Ngdbt.Engine;

/// <summary>`ngdbt diff MODEL`: the model as built in this target (right) against the same model in the `--state`'s
/// build or in another target (left), on <see cref="Key"/> (default: the model's `unique_key`).</summary>
public sealed record DiffRequest(string Model, StateComparison? State, LoadOptions? Against, IReadOnlyList<string>? Key, decimal Tolerance, int SampleSize);

public sealed partial class NgdbtEngine
{
    public const string AgainstAlias = "ngdbt_against";

    public (DiffReport? Report, IReadOnlyList<Diagnostic> Diagnostics) Diff(OpenedProject opened, DiffRequest request)
    {
        var span = new SourceSpan("diff", 1, 1);
        Diagnostic Error(string message) => Diagnostic.Error(DiagnosticCodes.DiffError, span, message);
        if (opened.Manifest.FindRelation(request.Model) is not { } node)
        {
            var names = opened.Manifest.Nodes.Values.Where(n => n.IsRelation && n.ResourceType != ResourceType.Source).Select(n => n.Name);
            return (null, [Error($"'{request.Model}' is not a model, seed or snapshot of the project{Suggest.Hint(Suggest.Closest(request.Model, names))}")]);
        }

        var key = request.Key is { Count: > 0 } k ? k : node.Config.UniqueKey;
        if (key.Count == 0)
        {
            return (null, [Error($"'{node.Name}' has no unique_key config: pass --key with the columns that identify a row")]);
        }

        if ((request.State is null) == (request.Against is null))
        {
            return (null, [Error("diff compares with one other build: pass either --state DIR or --against TARGET")]);
        }

        using var adapter = OpenAdapter(opened.Project, readOnly: true);
        var (left, problem) = request.State is { } state ? StateSide(opened, adapter, node, state) : AgainstSide(opened, adapter, node, request.Against!);
        if (problem is not null)
        {
            return (null, [problem]);
        }

        if (left == RelationName(adapter, node))
        {
            return (null, [Error($"the other build's {node.Name} is this target's own relation {left}: keep the state's database file in the state folder, or build the other side into another schema or file")]);
        }

        var rules = opened.Project.Config.MoneyGuard.Select(r => new Regex("^" + Regex.Escape(r.Pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToList();
        var query = new DiffQuery(node.Name, left!, RelationName(adapter, node), key, request.Tolerance, (name, type) => type == "DECIMAL(19,4)" || rules.Any(r => r.IsMatch(name)), request.SampleSize);
        try
        {
            using var connection = adapter.Connect();
            return (DataDiff.Run(connection, adapter.Dialect, query), []);
        }
        catch (DiffException e)
        {
            return (null, [Error(e.Message)]);
        }
        catch (AdapterSqlException e)
        {
            return (null, [Error($"the comparison query failed: {e.Message}")]);
        }
    }

    private static (string? Relation, Diagnostic? Error) StateSide(OpenedProject opened, IDatabaseAdapter adapter, Node node, StateComparison state)
    {
        var span = new SourceSpan(Path.Combine(state.StateDir, StateFile.FileName), 1, 1);
        if (state.Previous.Nodes.GetValueOrDefault(node.UniqueId)?.RelationName is not { } relation)
        {
            return (null, Diagnostic.Error(DiagnosticCodes.DiffError, span, $"'{node.Name}' is not in the state: it is new, there is nothing to compare it with"));
        }

        var (prefix, error) = Readable(opened, adapter, state.Previous.Database, state.Previous.DatabaseLocation, StateAlias, state.StateDir, span, "diff --state");
        return error is null ? (prefix + relation, null) : (null, error);
    }

    private (string? Relation, Diagnostic? Error) AgainstSide(OpenedProject opened, IDatabaseAdapter adapter, Node node, LoadOptions against)
    {
        var span = new SourceSpan(opened.Project.Target.File, 1, 1);
        var other = Open(against);
        if (other.Project is null)
        {
            return (null, other.Diagnostics.FirstOrDefault(d => d.IsError) ?? Diagnostic.Error(DiagnosticCodes.DiffError, span, $"cannot open target '{against.Target}'"));
        }

        var target = other.Project.Project.Target;
        if (target.Type != opened.Project.Target.Type)
        {
            return (null, Diagnostic.Error(DiagnosticCodes.DiffError, span, $"--against {target.TargetName} is {target.Type} and this target is {opened.Project.Target.Type}: both must be in one warehouse"));
        }

        var otherNode = other.Project.Manifest.Nodes.GetValueOrDefault(node.UniqueId) ?? node;
        var location = target.Path is { Length: > 0 } p && p != ":memory:" ? Path.GetFullPath(p, other.Project.Project.Root) : null;
        var (prefix, error) = Readable(opened, adapter, target.Database, location, AgainstAlias, Path.GetDirectoryName(location) ?? opened.Project.Root, span, "diff --against");
        return error is null ? (prefix + RelationName(adapter, otherNode), null) : (null, error);
    }
}
