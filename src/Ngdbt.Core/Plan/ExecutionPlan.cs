using Ngdbt.Compile;
using Ngdbt.Graph;
using Ngdbt.Manifest;

namespace Ngdbt.Plan;

public enum StepKind
{
    View,
    Table,
    Incremental,
    Seed,
    Snapshot,
    Test,
    UnitTest,
}

/// <summary>One node to execute, with the planned nodes it waits for. Stage 7 output, consumed by the executor.</summary>
public sealed record PlanStep(Node Node, StepKind Kind, CompiledNode? Compiled, IReadOnlyList<string> WaitsFor);

public sealed record ExecutionPlan(IReadOnlyList<PlanStep> Steps)
{
    public int Count => Steps.Count;
}

public static class ExecutionPlanner
{
    /// <summary>Orders the selected, executable nodes topologically; each waits only for its selected upstream nodes
    /// (reached through unselected or ephemeral ones too, so order is kept across gaps in the selection).</summary>
    public static ExecutionPlan Plan(ProjectManifest manifest, Dag dag, IReadOnlySet<string> selected, IReadOnlyDictionary<string, CompiledNode> compiled)
    {
        var steps = new List<PlanStep>();
        var testsByParent = selected.Select(id => manifest.Nodes[id])
            .Where(n => n.ResourceType == ResourceType.Test)
            .SelectMany(t => t.DependsOn.Select(d => (Parent: d, Test: t)))
            .ToLookup(x => x.Parent, x => x.Test, StringComparer.Ordinal);
        foreach (var id in dag.TopologicalOrder)
        {
            if (!selected.Contains(id))
            {
                continue;
            }

            var node = manifest.Nodes[id];
            if (!node.IsExecutable)
            {
                continue;
            }

            var ancestors = dag.Ancestors(id);
            var waits = ancestors.Where(a => selected.Contains(a) && manifest.Nodes[a].IsExecutable).ToHashSet(StringComparer.Ordinal);

            // dbt build: a node also waits for the tests of what it is built from, so a failing test skips it.
            if (node.ResourceType is not ResourceType.Test and not ResourceType.UnitTest)
            {
                foreach (var test in ancestors.SelectMany(a => testsByParent[a]).Where(t => t.DependsOn.All(ancestors.Contains)))
                {
                    waits.Add(test.UniqueId);
                }
            }

            var orderedWaits = waits.Order(StringComparer.Ordinal).ToList();
            steps.Add(new PlanStep(node, KindOf(node), compiled.GetValueOrDefault(id), orderedWaits));
        }

        return new ExecutionPlan(steps);
    }

    private static StepKind KindOf(Node node) => node.ResourceType switch
    {
        ResourceType.Seed => StepKind.Seed,
        ResourceType.Test => StepKind.Test,
        ResourceType.UnitTest => StepKind.UnitTest,
        ResourceType.Snapshot => StepKind.Snapshot,
        _ => node.Config.Materialized switch
        {
            "table" => StepKind.Table,
            "incremental" => StepKind.Incremental,
            _ => StepKind.View,
        },
    };
}
