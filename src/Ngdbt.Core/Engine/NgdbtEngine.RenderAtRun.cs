using System.Collections.Concurrent;
using Ngdbt.Adapters;
using Ngdbt.Artifacts;
using Ngdbt.Compile;
using Ngdbt.Execute;
using Ngdbt.Plan;

namespace Ngdbt.Engine;

public sealed partial class NgdbtEngine
{
    /// <summary>How the executor renders a node that reads the warehouse just before it runs: the same compile options
    /// as before the run, but the warehouse as it is now (its parents built), read on the worker's own connection.</summary>
    private static Func<PlanStep, IAdapterConnection, RenderedAtRun> RenderAtRun(OpenedProject opened, CompileOptions before, ConcurrentDictionary<string, CompiledNode> rendered, IEngineListener listener)
        => (step, connection) =>
        {
            var catalog = connection.ReadCatalog(null);
            var options = before with
            {
                KnownColumns = catalog.ToDictionary(c => c.Relation, c => c.Columns),
                Query = sql => connection.Query(sql),
                RenderIntrospectionAtRun = false,
            };
            var result = Compiler.Compile(opened.Manifest, [step.Node.UniqueId], options);
            var error = result.Diagnostics.FirstOrDefault(d => d.IsError);
            var others = result.Diagnostics.Where(d => !ReferenceEquals(d, error)).ToList();
            if (others.Count > 0)
            {
                listener.Diagnostics(others);
            }

            var compiled = result.Nodes.GetValueOrDefault(step.Node.UniqueId);
            if (compiled is not null && error is null)
            {
                rendered[step.Node.UniqueId] = compiled;
            }

            return new RenderedAtRun(compiled, error);
        };

    /// <summary>The compiled SQL as it ran: nodes rendered at run time replace their placeholders in target/compiled
    /// and manifest.json, and are what run_results.json records.</summary>
    private static IReadOnlyDictionary<string, CompiledNode> WriteRenderedAtRun(OpenedProject opened, IDatabaseAdapter adapter, IReadOnlyDictionary<string, CompiledNode> compiled, ConcurrentDictionary<string, CompiledNode> rendered, string version)
    {
        if (rendered.IsEmpty)
        {
            return compiled;
        }

        var executed = new Dictionary<string, CompiledNode>(compiled, StringComparer.Ordinal);
        foreach (var (id, node) in rendered)
        {
            executed[id] = node;
        }

        CompiledFiles.Write(opened.Project, rendered, opened.Manifest);
        ArtifactWriter.WriteManifest(opened.Manifest, executed, n => RelationName(adapter, n), version);
        return executed;
    }
}
