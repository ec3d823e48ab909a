using Ngdbt.Adapters;
using Ngdbt.Diagnostics;
using Ngdbt.Manifest;

namespace Ngdbt.Execute;

/// <summary>Schema verification before ingestion: every file behind an external source must have the columns and types
/// the sources YAML declares. A mismatch names the file, the column, the expected and the actual type.</summary>
public static class SourceVerifier
{
    public static IReadOnlyList<Diagnostic> Verify(ProjectManifest manifest, IEnumerable<Node> fileSources, IAdapterConnection connection, ISqlDialect dialect)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var source in fileSources.Where(n => n.Columns.Any(c => c.DataType is not null)))
        {
            var pattern = Path.IsPathRooted(source.ExternalLocation!) ? source.ExternalLocation! : Path.Combine(manifest.Project.Root, source.ExternalLocation!);
            IReadOnlyList<string> files;
            try
            {
                files = connection.Glob(pattern);
            }
            catch (AdapterSqlException e)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SourceUnreadable, source.Span, $"source {source.SourceName}.{source.Name}: cannot list '{source.ExternalLocation}': {e.Message}"));
                continue;
            }

            if (files.Count == 0)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SourceUnreadable, source.Span, $"source {source.SourceName}.{source.Name}: no files match '{source.ExternalLocation}' (generate or copy the data there first)"));
                continue;
            }

            foreach (var file in files)
            {
                var display = Path.GetRelativePath(manifest.Project.Root, file).Replace('\\', '/');
                IReadOnlyList<ColumnInfo> actual;
                try
                {
                    actual = connection.Describe($"select * from {dialect.ExternalRelation(file, source.ExternalFormat, source.ExternalReadOptions)}");
                }
                catch (AdapterSqlException e)
                {
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SourceUnreadable, new SourceSpan(display, 0, 0), $"cannot read file of source {source.SourceName}.{source.Name}: {e.Message}"));
                    continue;
                }

                foreach (var column in source.Columns.Where(c => c.DataType is not null))
                {
                    var expected = dialect.NormalizeType(column.DataType!);
                    var found = actual.FirstOrDefault(a => string.Equals(a.Name, column.Name, StringComparison.OrdinalIgnoreCase));
                    if (found is null)
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SourceSchemaMismatch, new SourceSpan(display, 0, 0), $"source {source.SourceName}.{source.Name}: column '{column.Name}' is missing (expected {expected}; declared at {column.Span})"));
                    }
                    else if (found.Type != expected)
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SourceSchemaMismatch, new SourceSpan(display, 0, 0), $"source {source.SourceName}.{source.Name}: column '{column.Name}' expected {expected}, found {found.Type} (declared at {column.Span})"));
                    }
                }
            }
        }

        return diagnostics;
    }
}
