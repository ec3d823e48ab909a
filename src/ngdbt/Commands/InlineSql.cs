using Ngdbt.Adapters;
using Ngdbt.Cli.Output;
using Ngdbt.Compile;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;
using Ngdbt.Templating;

namespace Ngdbt.Cli.Commands;

/// <summary>Compiles a one-off SQL template (`show --inline`) against the project, as if it were a model depending on what it refs.</summary>
internal static class InlineSql
{
    public static string? Compile(Session session, IDatabaseAdapter adapter, string sql, ConsoleOutput output)
    {
        var diagnostics = new DiagnosticBag();
        var template = TemplateParser.Parse(sql, "--inline", diagnostics);
        output.Diagnostics(diagnostics.ToSortedList());
        if (!template.IsValid)
        {
            return null;
        }

        var deps = template.Refs.Select(r => session.Manifest.FindRelation(r.Name)?.UniqueId)
            .Concat(template.Sources.Select(s => $"source.{session.Manifest.ProjectName}.{s.SourceName}.{s.TableName}"))
            .OfType<string>().ToList();
        var node = new Node
        {
            UniqueId = $"sql_operation.{session.Manifest.ProjectName}.inline",
            ResourceType = ResourceType.Model,
            Name = "inline",
            PackageName = session.Manifest.ProjectName,
            FilePath = "--inline",
            PathInResourceDir = "--inline",
            Config = NodeConfig.Empty,
            Schema = session.Project.Target.Schema,
            Identifier = "inline",
            Template = template,
            RawCode = sql,
            DependsOn = deps,
        };
        var nodes = new Dictionary<string, Node>(session.Manifest.Nodes) { [node.UniqueId] = node };
        var manifest = session.Manifest with { Nodes = nodes };
        var result = Compiler.Compile(manifest, [node.UniqueId], new CompileOptions(adapter.Dialect, new HashSet<RelationRef>()));
        output.Diagnostics(result.Diagnostics);
        return result.Success ? result.Nodes[node.UniqueId].Sql : null;
    }
}
