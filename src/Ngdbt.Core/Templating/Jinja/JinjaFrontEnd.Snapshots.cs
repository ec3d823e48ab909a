using Ngdbt.Diagnostics;

namespace Ngdbt.Templating.Jinja;

public static partial class JinjaFrontEnd
{
    /// <summary>dbt's snapshot files: `{% snapshot name %} {{ config(...) }} select ... {% endsnapshot %}`. The block's
    /// body becomes the file's template and the block names the snapshot; text around the block is not part of it, as in
    /// dbt (a non-blank one is a warning, never dropped silently). One block per file (NG0120 otherwise).</summary>
    private static SnapshotBlock? SnapshotBlock(JinjaSource source, ref IReadOnlyList<Stmt> body, DiagnosticBag diagnostics)
    {
        var blocks = body.OfType<SnapshotStmt>().ToList();
        if (blocks.Count == 0)
        {
            return null;
        }

        if (blocks.Count > 1)
        {
            diagnostics.Error(DiagnosticCodes.SnapshotBlocks, source.Span(blocks[1].Offset), $"'{source.File}' holds {blocks.Count} snapshot blocks ({string.Join(", ", blocks.Select(b => b.Name))}): ngdbt takes one '{{% snapshot %}}' block per file; move '{blocks[1].Name}' into a file of its own");
        }

        foreach (var outside in body.Where(s => s is not SnapshotStmt && !(s is TextStmt t && string.IsNullOrWhiteSpace(t.Text))))
        {
            diagnostics.Warning(DiagnosticCodes.SnapshotBlocks, source.Span(outside.Offset), $"'{source.File}' has text or statements outside its '{{% snapshot {blocks[0].Name} %}}' block: they are not part of the snapshot and have no effect (as in dbt)");
            break;
        }

        body = blocks[0].Body;
        return new SnapshotBlock(blocks[0].Name, source.Span(blocks[0].Offset));
    }
}
