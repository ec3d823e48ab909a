using System.Text.RegularExpressions;
using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Execute;

/// <summary>A model's output columns against its contract and the project's money guard. The column types come from
/// the database (DESCRIBE of the compiled query), never from guessing. Used before a model is built and by `compile`.</summary>
public static class OutputGuard
{
    public static bool Applies(Node node, IReadOnlyList<MoneyGuardRule> rules)
        => node.ResourceType is ResourceType.Model or ResourceType.Snapshot && (node.Config.ContractEnforced || rules.Count > 0);

    /// <summary>The first violation found (contract first, then money guard), or null when the output is as declared.</summary>
    public static Diagnostic? Check(Node node, IReadOnlyList<ColumnInfo> actual, IReadOnlyList<MoneyGuardRule> rules, ISqlDialect dialect)
    {
        var problems = new List<string>();
        if (node.Config.ContractEnforced)
        {
            var declared = node.Columns.Where(c => c.DataType is not null).ToList();
            foreach (var column in declared)
            {
                var expected = dialect.NormalizeType(column.DataType!);
                var found = actual.FirstOrDefault(a => string.Equals(a.Name, column.Name, StringComparison.OrdinalIgnoreCase));
                if (found is null)
                {
                    problems.Add($"missing column '{column.Name}' (contract: {expected})");
                }
                else if (expected != found.Type)
                {
                    problems.Add($"column '{column.Name}': contract says {expected}, query returns {found.Type}");
                }
            }

            foreach (var extra in actual.Where(a => !declared.Any(c => string.Equals(c.Name, a.Name, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add($"column '{extra.Name}' ({extra.Type}) is not in the contract");
            }

            if (problems.Count > 0)
            {
                return Violation(node, DiagnosticCodes.ContractViolation, "contract violated", problems);
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

        return problems.Count > 0 ? Violation(node, DiagnosticCodes.MoneyGuard, "money guard", problems) : null;
    }

    private static Diagnostic Violation(Node node, string code, string what, List<string> problems)
        => Diagnostic.Error(code, new SourceSpan(node.FilePath, 1, 1), $"{node.Name} {what}: " + string.Join("; ", problems));

    private static Regex Glob(string pattern)
        => new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
