using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;
using Ngdbt.Templating;
using Ngdbt.Templating.Jinja;

namespace Ngdbt.Compile;

public sealed partial class Compiler
{
    private Lazy<IReadOnlyDictionary<string, object?>>? _graph;

    /// <summary>What a Jinja render of a node sees besides the shared scope: the node (`model`, `config.get`), the graph,
    /// and the warehouse as it is before this run (`execute` is true at compile time, as in dbt's execute phase).</summary>
    private JinjaExtras? NodeJinja(Node node)
    {
        if (_manifest.Jinja is not { } environment)
        {
            return null;
        }

        _graph ??= new Lazy<IReadOnlyDictionary<string, object?>>(() => JinjaGraph.Build(_manifest));
        var graph = _graph;
        return new JinjaExtras(environment)
        {
            NodeConfig = node.Config.Values,
            Model = JinjaGraph.NodeObject(node),
            Graph = () => graph.Value,
            Execute = true,
            Query = TrackedQuery(node),
            Columns = TrackedColumns(node),
            Dialect = _options.Dialect,
        };
    }

    /// <summary>A generic test written as a Jinja `{% test name(model, column_name) %}` block.</summary>
    private string? JinjaCustomTest(Node node, string relation, TestInfo test, IReadOnlyDictionary<string, object?> args)
    {
        if (_manifest.Jinja is not { } environment || !environment.HasMacro("test_" + test.TestName))
        {
            return null;
        }

        var kwargs = new Dictionary<string, object?>(args, StringComparer.Ordinal) { ["model"] = relation };
        if (test.ColumnName is not null)
        {
            kwargs["column_name"] = QuoteColumn(test.ColumnName);
        }

        var scope = NodeScope(node, []) with { This = null };
        try
        {
            return JinjaFrontEnd.CallMacro(environment, "test_" + test.TestName, kwargs, scope, node.FilePath).Trim();
        }
        catch (JinjaRenderException e)
        {
            throw new CompileException(e.Diagnostic with { Message = $"in generic test '{test.TestName}': {e.Diagnostic.Message}" });
        }
    }
}
