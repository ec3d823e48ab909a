using Ngdbt.Adapters;
using Ngdbt.Compile;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

namespace Ngdbt.Execute;

/// <summary>A model's `batches`, `batch_rows` and `batch_key` checked before anything is built (see Compiler.Batches.cs): a value
/// that is not what ngdbt can do is an error naming it, never a build in one statement instead or a table whose rows
/// each batch repeats.</summary>
internal static class BatchCheck
{
    public static IEnumerable<Diagnostic> Check(IReadOnlyDictionary<string, Node> nodes, Node node, string adapterType, ISqlDialect dialect)
    {
        if (node.Config.Values.TryGetValue("batch_key", out var key) && key is not (null or string { Length: > 0 }))
        {
            yield return Diagnostic.Error(DiagnosticCodes.InvalidConfigValue, node.Span, $"model '{node.Name}': batch_key must be a column name (a string), not '{key}'");
        }

        var batches = node.Config.Values.GetValueOrDefault("batches");
        var rows = node.Config.Values.GetValueOrDefault("batch_rows");
        if (batches is null && rows is null)
        {
            yield break;
        }

        if (batches is not null && rows is not null)
        {
            yield return Diagnostic.Error(DiagnosticCodes.InvalidConfigValue, node.Span, $"model '{node.Name}': set batches (a fixed number) or batch_rows (rows per batch), not both");
            yield break;
        }

        var count = Compiler.BatchSetting(node, batches is null ? "batch_rows" : "batches");
        if (count is null || (batches is not null && count > Compiler.MaxBatches))
        {
            var what = batches is null ? "batch_rows must be a whole number of rows from 1" : $"batches must be a whole number from 1 to {Compiler.MaxBatches}";
            yield return Diagnostic.Error(DiagnosticCodes.InvalidConfigValue, node.Span, $"model '{node.Name}': {what}, not '{batches ?? rows}'");
            yield break;
        }

        if (batches is not null && count == 1)
        {
            yield break;
        }

        if (node.Config.Materialized != "table")
        {
            yield return Diagnostic.Error(DiagnosticCodes.InvalidConfigValue, node.Span, $"model '{node.Name}': batches applies to table models; a {node.Config.Materialized} model is built in one statement (remove batches or set it to 1)");
        }
        else if (!Compiler.CanBatch(dialect))
        {
            yield return Diagnostic.Error(DiagnosticCodes.InvalidConfigValue, node.Span, $"model '{node.Name}': building in batches is not supported on {adapterType} (set batches to 1 for this target, e.g. with a macro dispatched by adapter)");
        }
        else
        {
            var parents = node.DependsOn.Select(id => nodes.GetValueOrDefault(id)).OfType<Node>().ToList();
            if (parents.FirstOrDefault(p => p.Config.Materialized == "ephemeral") is { } ephemeral)
            {
                yield return Diagnostic.Error(DiagnosticCodes.BatchesWithoutBatchKey, node.Span, $"model '{node.Name}' is built in batches but reads the ephemeral model '{ephemeral.Name}', whose inputs cannot be read by batch: materialize it, or build '{node.Name}' in one statement");
            }
            else if (!parents.Any(p => p.Config.GetString("batch_key") is { Length: > 0 }))
            {
                yield return Diagnostic.Error(DiagnosticCodes.BatchesWithoutBatchKey, node.Span, $"model '{node.Name}' is built in batches but none of its refs declares a batch_key, so every batch would build every row: give its big inputs `batch_key: <column>`");
            }
        }
    }
}
