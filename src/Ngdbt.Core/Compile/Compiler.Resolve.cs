using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Manifest;
using Ngdbt.Templating;

namespace Ngdbt.Compile;

public sealed partial class Compiler
{
    /// <summary>Raised inside a render to stop it with a positioned diagnostic; caught by <see cref="RenderCore"/>.</summary>
    private sealed class CompileException(Diagnostic diagnostic) : Exception(diagnostic.Message)
    {
        public Diagnostic Diagnostic { get; } = diagnostic;
    }

    private string ResolveRef(Node node, RefCall call, List<string> ephemerals)
    {
        if (!_byName.TryGetValue(call.Name, out var target))
        {
            throw new CompileException(Diagnostic.Error(DiagnosticCodes.UnknownRef, call.Span, $"ref('{call.Name}') does not match any model, seed or snapshot{Suggest.Hint(Suggest.Closest(call.Name, _byName.Keys))}"));
        }

        if (!node.DependsOn.Contains(target.UniqueId) && node.ResourceType != ResourceType.UnitTest)
        {
            throw new CompileException(Diagnostic.Error(DiagnosticCodes.RefNotInDag, call.Span, $"ref('{call.Name}') was computed at render time and is not a declared dependency of '{node.Name}'; write the ref with a literal name so the DAG knows about it"));
        }

        if (target.Config.Materialized == "ephemeral")
        {
            ephemerals.Add(target.UniqueId);
            return CtePrefix + target.Name;
        }

        return SampleInput(node, ModelRelation(target), target.Config.GetString("event_time"));
    }

    /// <summary>`--sample`: a model's or snapshot's input with an event-time column is read for the window only.</summary>
    private string SampleInput(Node node, string relation, string? eventTime)
        => _options.Sample is { } window && eventTime is { Length: > 0 } column && node.ResourceType is ResourceType.Model or ResourceType.Snapshot
            ? window.Filter(relation, _options.Dialect.Quote(column))
            : relation;

    /// <summary>A source for a node's template; under `--sample`, filtered on its `loaded_at_field`.</summary>
    private string SampleSource(Node node, SourceCall call)
    {
        var relation = ResolveSource(call);
        var id = $"source.{_manifest.ProjectName}.{call.SourceName}.{call.TableName}";
        return _options.Sample is null || !_manifest.Nodes.TryGetValue(id, out var source)
            ? relation
            : SampleInput(node, relation, source.Config.GetString("event_time") ?? source.Config.GetString("loaded_at_field"));
    }

    /// <summary>Where a model, seed or snapshot is read from: its own relation, or, under `--defer`, the state's
    /// relation when it is neither selected nor built in this target.</summary>
    private string ModelRelation(Node target)
        => _options.Deferred is { } deferred && deferred.TryGetValue(target.UniqueId, out var stateRelation)
            ? stateRelation
            : _options.Dialect.Relation(target.Schema, target.Identifier);

    /// <summary>`--empty`: a model's or snapshot's inputs read no rows, as a subquery in place of the relation
    /// (`(select * from rel where false)`), so SQL and contracts are checked in seconds. Ephemeral CTEs are left as
    /// they are (their own inputs are emptied), and so are the relations of tests.</summary>
    private string EmptyInput(Node node, string relation)
        => _options.Empty && node.ResourceType is ResourceType.Model or ResourceType.Snapshot && !relation.StartsWith(CtePrefix, StringComparison.Ordinal)
            ? $"(select * from {relation} where false)"
            : relation;

    private string ResolveSource(SourceCall call)
    {
        var id = $"source.{_manifest.ProjectName}.{call.SourceName}.{call.TableName}";
        if (!_manifest.Nodes.TryGetValue(id, out var source))
        {
            throw new CompileException(Diagnostic.Error(DiagnosticCodes.UnknownSource, call.Span, $"source('{call.SourceName}', '{call.TableName}') is not declared in any sources YAML"));
        }

        return SourceRelation(source);
    }

    public string SourceRelation(Node source)
    {
        // A warehouse that cannot read files gets the source loaded into <schema>.<identifier> before the run.
        if (source.ExternalLocation is { } location && _options.Dialect.ReadsFiles)
        {
            var path = Path.IsPathRooted(location) ? location : Path.Combine(_manifest.Project.Root, location);
            return _options.Dialect.ExternalRelation(path.Replace('\\', '/'), source.ExternalFormat, source.ExternalReadOptions);
        }

        return _options.Dialect.Relation(source.Schema, source.Identifier);
    }

    /// <summary>Puts ephemeral models in front of a query as CTEs, merging with the query's own WITH clause if it has one.</summary>
    internal static string InjectCtes(string sql, IEnumerable<(string Name, string Body)> ctes)
    {
        var definitions = string.Join(",\n", ctes.Select(c => $"{c.Name} as (\n{c.Body}\n)"));
        var start = SkipTrivia(sql, 0);
        if (IsKeyword(sql, start, "with"))
        {
            var after = SkipTrivia(sql, start + 4);
            if (IsKeyword(sql, after, "recursive"))
            {
                after = SkipTrivia(sql, after + 9);
                return sql[..after] + definitions + ",\n" + sql[after..];
            }

            return sql[..(start + 4)] + " " + definitions + ",\n" + sql[after..];
        }

        return sql[..start] + "with " + definitions + "\n" + sql[start..];
    }

    private static bool IsKeyword(string sql, int at, string keyword)
        => at + keyword.Length <= sql.Length
           && string.Compare(sql, at, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
           && (at + keyword.Length == sql.Length || !char.IsLetterOrDigit(sql[at + keyword.Length]) && sql[at + keyword.Length] != '_');

    private static int SkipTrivia(string sql, int i)
    {
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (sql[i] == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var nl = sql.IndexOf('\n', i);
                i = nl < 0 ? sql.Length : nl + 1;
            }
            else if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }
}
