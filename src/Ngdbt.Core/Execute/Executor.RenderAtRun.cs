using Ngdbt.Adapters;
using Ngdbt.Compile;
using Ngdbt.Diagnostics;
using Ngdbt.Plan;

namespace Ngdbt.Execute;

/// <summary>What rendering a node at run time gave: its SQL as it runs, or the error that stops it.</summary>
public sealed record RenderedAtRun(CompiledNode? Compiled, Diagnostic? Error);

public sealed partial class Executor
{
    /// <summary>A node whose template reads the warehouse is rendered now, after its parents are built (dbt renders each
    /// node just before executing it). Returns the node's failed result when that render fails.</summary>
    private NodeResult? RenderAtRun(PlanStep step, IAdapterConnection connection, out PlanStep current)
    {
        current = step;
        if (step.Compiled is not { RendersAtRun: true } || _options.RenderAtRun is not { } render)
        {
            return null;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rendered = render(step, connection);
        if (rendered.Compiled is null || rendered.Error is not null)
        {
            var message = rendered.Error?.Message ?? "compilation failed at run time";
            return new NodeResult(step.Node, NodeStatus.Error, clock.Elapsed, message, Diagnostic: rendered.Error);
        }

        current = step with { Compiled = rendered.Compiled };
        return null;
    }
}
