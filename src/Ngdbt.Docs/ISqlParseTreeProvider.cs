namespace Ngdbt.Docs;

/// <summary>
/// Turns SQL text into DuckDB's JSON parse tree (the output of <c>SELECT json_serialize_sql(sql)</c>).
/// Several statements separated by <c>;</c> yield several entries in <c>statements</c>.
/// Implementations must be safe to call from several threads at once.
/// </summary>
public interface ISqlParseTreeProvider
{
    string SerializeSql(string sql);

    /// <summary>Identifies the parser build: cached column lineage is reused only under the same one.</summary>
    string Fingerprint => GetType().FullName + " " + GetType().Assembly.ManifestModule.ModuleVersionId;
}
