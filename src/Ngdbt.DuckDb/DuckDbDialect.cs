using System.Text.RegularExpressions;

namespace Ngdbt.Adapters.DuckDb;

internal sealed partial class DuckDbDialect : ISqlDialect
{
    public bool ReadsFiles => true;

    public string? AttachReadOnly(string location, string alias) => $"ATTACH IF NOT EXISTS {Literal(location)} AS {Quote(alias)} (READ_ONLY)";

    // hash() is a UBIGINT, never NULL (hash(NULL) is a constant).
    public string? HashBucket(string expression, string count) => $"(hash({expression}) % {count})";

    public string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string Relation(string schema, string identifier) => Quote(schema) + "." + Quote(identifier);

    public string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public string Cast(string expression, string type) => $"CAST({expression} AS {type})";

    public string Limit(string sql, int limit) => $"SELECT * FROM (\n{sql}\n) AS ngdbt_limited LIMIT {limit}";

    public string ExternalRelation(string location, string? format, string? readOptions = null)
    {
        var kind = (format ?? InferFormat(location)).ToLowerInvariant();
        var path = Literal(location);
        // Globs over folders are read with hive partitioning so `month=2026-01/` folders become a column.
        var hive = location.Contains('*', StringComparison.Ordinal) || location.Contains('=', StringComparison.Ordinal) ? ", hive_partitioning = true" : string.Empty;
        hive += string.IsNullOrWhiteSpace(readOptions) ? string.Empty : ", " + readOptions;
        return kind switch
        {
            "parquet" => $"read_parquet({path}{hive})",
            "csv" => $"read_csv({path}, header = true{hive})",
            "json" or "ndjson" or "jsonl" => $"read_json({path}, format = 'newline_delimited'{hive})",
            _ => $"read_parquet({path}{hive})",
        };
    }

    private static string InferFormat(string location)
    {
        var ext = Path.GetExtension(location).TrimStart('.');
        return ext switch
        {
            "csv" or "tsv" => "csv",
            "json" or "ndjson" or "jsonl" => "json",
            _ => "parquet",
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public string NormalizeType(string type) => Spaces().Replace(type.Trim().ToUpperInvariant(), string.Empty) switch
    {
        "INT" or "INT4" or "INTEGER" => "INTEGER",
        "INT8" or "BIGINT" or "LONG" => "BIGINT",
        "STRING" or "TEXT" or "VARCHAR" => "VARCHAR",
        "BOOL" or "BOOLEAN" => "BOOLEAN",
        "FLOAT8" or "DOUBLE" => "DOUBLE",
        "NUMERIC(19,4)" => "DECIMAL(19,4)",
        var t => t,
    };
}
