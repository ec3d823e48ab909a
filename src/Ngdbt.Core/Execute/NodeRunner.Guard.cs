using System.Diagnostics;
using Ngdbt.Plan;

namespace Ngdbt.Execute;

internal sealed partial class NodeRunner
{
    /// <summary>Contract and money guard, checked against the database's own DESCRIBE of the compiled query, before anything is built.</summary>
    private NodeResult? Guard(PlanStep step, Stopwatch clock)
    {
        var rules = options.MoneyGuard ?? [];
        if (!OutputGuard.Applies(step.Node, rules))
        {
            return null;
        }

        var violation = OutputGuard.Check(step.Node, connection.Describe(step.Compiled!.Sql), rules, dialect);
        return violation is null
            ? null
            : new NodeResult(step.Node, NodeStatus.Error, clock.Elapsed, violation.Message[(step.Node.Name.Length + 1)..], Diagnostic: violation);
    }
}
