using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

namespace Ngdbt.Execute;

/// <summary>Checks the selected nodes' materializations and incremental strategies against what the target's adapter
/// supports, before anything is built: an unsupported one is an error naming the allowed values, never a fallback.</summary>
public static class CapabilityCheck
{
    public static string StrategyOf(Node node)
    {
        var strategy = node.Config.IncrementalStrategy ?? (node.Config.UniqueKey.Count > 0 ? "delete+insert" : "append");
        return strategy == "delete_insert" ? "delete+insert" : strategy;
    }

    public static IReadOnlyList<Diagnostic> Check(ProjectManifest manifest, IEnumerable<string> selected, string adapterType, AdapterCapabilities capabilities, ISqlDialect dialect)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var node in selected.Select(id => manifest.Nodes[id]).Where(n => n.ResourceType == ResourceType.Test))
        {
            foreach (var key in new[] { "warn_if", "error_if" })
            {
                if (node.Config.GetString(key) is { } condition && !NodeRunner.IsThreshold(condition))
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidConfigValue, node.Span, $"test '{node.Name}': {key} '{condition}' is not a threshold (write e.g. '>0', '>=10', '!=0', '=0', '<5')"));
                }
            }
        }

        foreach (var node in selected.Select(id => manifest.Nodes[id]).Where(n => n.ResourceType == ResourceType.Model))
        {
            var materialized = node.Config.Materialized;
            if (!capabilities.Materializations.Contains(materialized))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidConfigValue, node.Span, $"model '{node.Name}': materialized '{materialized}' is not supported on {adapterType} (supported: {string.Join(", ", capabilities.Materializations.Order(StringComparer.Ordinal))})"));
            }
            else if (materialized == "incremental" && !capabilities.IncrementalStrategies.Contains(StrategyOf(node)))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.InvalidConfigValue, node.Span, $"model '{node.Name}': incremental_strategy '{StrategyOf(node)}' is not supported on {adapterType} (supported: {string.Join(", ", capabilities.IncrementalStrategies.Order(StringComparer.Ordinal))})"));
            }

            diagnostics.AddRange(BatchCheck.Check(manifest.Nodes, node, adapterType, dialect));
        }

        return diagnostics;
    }
}
