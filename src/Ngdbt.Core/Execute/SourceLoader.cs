using System.Globalization;
using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

namespace Ngdbt.Execute;

/// <summary>Loads file sources (Parquet/CSV/NDJSON behind `external_location`) into a warehouse that cannot read files:
/// the file engine reads each file and the warehouse bulk-loads it into `&lt;source schema&gt;.&lt;table&gt;`. What was
/// loaded is recorded per file (size, modification time) in `ngdbt_meta.source_files`, in the same transaction as the
/// rows: an unchanged file set is skipped, new files are appended, and a changed or removed file reloads the table.</summary>
public sealed class SourceLoader(IDatabaseAdapter warehouse, IDatabaseAdapter files, ProjectManifest manifest, Action<string> progress)
{
    private const string StateSchema = "ngdbt_meta";

    /// <summary>The bookkeeping table, quoted by the warehouse's own dialect.</summary>
    private string StateTable => warehouse.Dialect.Relation(StateSchema, "source_files");

    public IReadOnlyList<Diagnostic> Load(IEnumerable<Node> sources)
    {
        var diagnostics = new List<Diagnostic>();
        using var target = warehouse.Connect();
        using var reader = files.Connect();
        target.EnsureSchema(StateSchema);
        target.Execute($"CREATE TABLE IF NOT EXISTS {StateTable} (relation text NOT NULL, file text NOT NULL, size bigint NOT NULL, modified text NOT NULL, PRIMARY KEY (relation, file))");
        foreach (var source in sources)
        {
            try
            {
                LoadOne(source, target, reader);
            }
            catch (AdapterSqlException e)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SourceUnreadable, source.Span, $"source {source.SourceName}.{source.Name}: cannot load '{source.ExternalLocation}' into {warehouse.Type}: {e.Message}"));
            }
        }

        return diagnostics;
    }

    private void LoadOne(Node source, IAdapterConnection target, IAdapterConnection reader)
    {
        var relation = new RelationRef(source.Schema, source.Identifier);
        var name = warehouse.Dialect.Relation(relation.Schema, relation.Identifier);
        var pattern = Path.IsPathRooted(source.ExternalLocation!) ? source.ExternalLocation! : Path.Combine(manifest.Project.Root, source.ExternalLocation!);
        var current = reader.Glob(pattern).Select(f => (File: f, Info: new FileInfo(f))).ToList();
        var loaded = target.Query($"SELECT file, size, modified FROM {StateTable} WHERE relation = {warehouse.Dialect.Literal(name)}").Rows
            .ToDictionary(r => (string)r[0]!, r => (Size: Convert.ToInt64(r[1], CultureInfo.InvariantCulture), Modified: (string)r[2]!), StringComparer.Ordinal);
        string Stamp(FileInfo f) => f.LastWriteTimeUtc.ToString("O", CultureInfo.InvariantCulture);
        var unchanged = current.Where(c => loaded.TryGetValue(c.File, out var l) && l.Size == c.Info.Length && l.Modified == Stamp(c.Info)).Select(c => c.File).ToHashSet(StringComparer.Ordinal);
        var exists = target.GetRelationKind(relation) is not null;
        // Append only to a table this loader filled and whose recorded files are all unchanged; anything else reloads.
        var incremental = exists && loaded.Count > 0 && unchanged.Count == loaded.Count;
        var toLoad = incremental ? current.Where(c => !unchanged.Contains(c.File)).ToList() : current;
        if (toLoad.Count == 0)
        {
            progress($"source {source.SourceName}.{source.Name}: {current.Count} files unchanged, nothing to load");
            return;
        }

        target.EnsureSchema(relation.Schema);
        long total = 0;
        for (var i = 0; i < toLoad.Count; i++)
        {
            var (file, info) = toLoad[i];
            var sql = $"select * from {files.Dialect.ExternalRelation(file.Replace('\\', '/'), source.ExternalFormat, source.ExternalReadOptions)}";
            var columns = Columns(source, reader.Describe(sql));
            using var rows = reader.Stream(sql);
            var append = incremental || i > 0;
            var forget = append ? string.Empty : $"DELETE FROM {StateTable} WHERE relation = {warehouse.Dialect.Literal(name)}; ";
            // The file's bookkeeping commits with its rows: a crash between the two can never append a file twice.
            var record = $"{forget}INSERT INTO {StateTable} VALUES ({warehouse.Dialect.Literal(name)}, {warehouse.Dialect.Literal(file)}, {info.Length}, {warehouse.Dialect.Literal(Stamp(info))}) ON CONFLICT (relation, file) DO UPDATE SET size = excluded.size, modified = excluded.modified";
            var result = target.BulkLoad(relation, columns, rows, append, null, record);
            total += result.RowsAffected ?? 0;
            if (toLoad.Count > 1 && ((i + 1) % 10 == 0 || i + 1 == toLoad.Count))
            {
                progress($"source {source.SourceName}.{source.Name}: {i + 1}/{toLoad.Count} files, {total:N0} rows");
            }
        }

        progress($"source {source.SourceName}.{source.Name}: loaded {total:N0} rows from {toLoad.Count} file{(toLoad.Count == 1 ? string.Empty : "s")} into {name}{(incremental ? " (new files appended)" : string.Empty)}");
    }

    /// <summary>The declared types where the YAML gives them (exact decimals stay DECIMAL(19,4)), else the file's own.</summary>
    private static List<ColumnInfo> Columns(Node source, IReadOnlyList<ColumnInfo> actual)
        => [.. actual.Select(a => source.Columns.FirstOrDefault(c => string.Equals(c.Name, a.Name, StringComparison.OrdinalIgnoreCase))?.DataType is { } declared ? a with { Type = declared } : a)];
}
