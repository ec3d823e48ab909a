using System.Diagnostics;
using System.Text.RegularExpressions;
using Ngdbt.Diagnostics;
using Ngdbt.Plan;

namespace Ngdbt.Execute;

internal sealed partial class NodeRunner
{
    /// <summary>Contract and money guard, checked against the database's own DESCRIBE of the compiled query, before anything is built.</summary>
    private NodeResult? Guard(PlanStep step, Stopwatch clock)
    {
        var node = step.Node;
        var rules = options.MoneyGuard ?? [];
        if (!node.Config.ContractEnforced && rules.Count == 0)
        {
            return null;
        }

        var actual = connection.Describe(step.Compiled!.Sql);
        var problems = new List<string>();
        if (node.Config.ContractEnforced)
        {
            var declared = node.Columns.Where(c => c.DataType is not null).ToList();
            foreach (var column in declared)
            {
                var found = actual.FirstOrDefault(a => string.Equals(a.Name, column.Name, StringComparison.OrdinalIgnoreCase));
                if (found is null)
                {
                    problems.Add($"missing column '{column.Name}' (contract: {dialect.NormalizeType(column.DataType!)})");
                }
                else if (dialect.NormalizeType(column.DataType!) != found.Type)
                {
                    problems.Add($"column '{column.Name}': contract says {dialect.NormalizeType(column.DataType!)}, query returns {found.Type}");
                }
            }

            foreach (var extra in actual.Where(a => !declared.Any(c => string.Equals(c.Name, a.Name, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add($"column '{extra.Name}' ({extra.Type}) is not in the contract");
            }

            if (problems.Count > 0)
            {
                return Violation(step, clock, DiagnosticCodes.ContractViolation, "contract violated", problems);
            }
        }

        // Flags such as is_amount_mismatch match '*amount*' by name but carry no money: booleans are exempt.
        foreach (var column in actual.Where(c => c.Type != "BOOLEAN"))
        {
            foreach (var rule in rules.Where(r => Glob(r.Pattern).IsMatch(column.Name)))
            {
                if (column.Type != dialect.NormalizeType(rule.RequiredType))
                {
                    problems.Add($"column '{column.Name}' is {column.Type}; money columns matching '{rule.Pattern}' must be {dialect.NormalizeType(rule.RequiredType)}");
                }
            }
        }

        return problems.Count > 0 ? Violation(step, clock, DiagnosticCodes.MoneyGuard, "money guard", problems) : null;
    }

    private static NodeResult Violation(PlanStep step, Stopwatch clock, string code, string what, List<string> problems)
    {
        var message = $"{what}: " + string.Join("; ", problems);
        var diagnostic = Diagnostic.Error(code, new SourceSpan(step.Node.FilePath, 1, 1), $"{step.Node.Name} {message}");
        return new NodeResult(step.Node, NodeStatus.Error, clock.Elapsed, message, Diagnostic: diagnostic, Details: problems);
    }

    private static Regex Glob(string pattern)
        => new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
