using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Templating;

namespace Ngdbt.Manifest;

/// <summary>dbt's snapshot configs on ngdbt's snapshot node: the name of a `{% snapshot name %}` block, `target_schema`
/// (the schema as written, without generate_schema_name, as dbt's legacy snapshots), and how hard deletes are handled.</summary>
internal sealed partial class Linker
{
    /// <summary>The hard-delete modes dbt knows (`hard_deletes`, dbt ≥ 1.9; `invalidate_hard_deletes: true` is `invalidate`).</summary>
    private static readonly string[] HardDeleteModes = ["ignore", "invalidate", "new_record"];

    /// <summary>A `{% snapshot %}` block names its snapshot; outside snapshot-paths the block is an error (NG0120).</summary>
    private string? SnapshotBlockName(ProjectFile file, ParsedTemplate? template, bool isSnapshot)
    {
        if (template?.Snapshot is not { } block)
        {
            return null;
        }

        if (!isSnapshot)
        {
            diagnostics.Error(DiagnosticCodes.SnapshotBlocks, block.Span, $"'{{% snapshot {block.Name} %}}' is in '{file.Path}', which is not under snapshot-paths ({string.Join(", ", project.Config.SnapshotPaths)}): move the file there");
            return null;
        }

        return block.Name;
    }

    private string SnapshotSchema(NodeConfig config)
        => config.GetString("target_schema") is { Length: > 0 } schema ? schema : SchemaFor(config);

    /// <summary>`hard_deletes` / `invalidate_hard_deletes`: invalidate is implemented; new_record is named, not ignored.</summary>
    private void CheckHardDeletes(NodeConfig config, SourceSpan span, string name)
    {
        if (config.GetString("hard_deletes") is not { } mode)
        {
            return;
        }

        if (!HardDeleteModes.Contains(mode))
        {
            diagnostics.Error(DiagnosticCodes.InvalidConfigValue, span, $"snapshot '{name}': hard_deletes must be one of {string.Join(", ", HardDeleteModes)}, not '{mode}'{Suggest.Hint(Suggest.Closest(mode, HardDeleteModes))}");
        }
        else if (mode == "new_record")
        {
            diagnostics.Warning(DiagnosticCodes.ConfigNotImplemented, span, $"snapshot '{name}': hard_deletes 'new_record' is not implemented by ngdbt yet: deleted rows are left as they are (use 'invalidate' to close them)");
        }
    }
}
