using System.Text.RegularExpressions;

namespace Ngdbt.Adapters.Postgres;

/// <summary>PostgreSQL's SQL: quoting, literals, and type names. Types are reported in ngdbt's canonical spelling
/// (VARCHAR, DECIMAL(19,4), TIMESTAMP, ...) so contracts, the money guard and unit tests read the same on every target.</summary>
internal sealed partial class PostgresDialect : ISqlDialect
{
    public bool ReadsFiles => false;

    public string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public string Relation(string schema, string identifier) => Quote(schema) + "." + Quote(identifier);

    public string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    // hashtext() of the value's text, made non-negative; a NULL key hashes as the empty string.
    public string? HashBucket(string expression, string count) => $"((hashtext(coalesce(CAST({expression} AS text), '')) & 2147483647) % {count})";

    public string Cast(string expression, string type) => $"CAST({expression} AS {NativeType(type)})";

    public string Limit(string sql, int limit) => $"SELECT * FROM (\n{sql}\n) AS ngdbt_limited LIMIT {limit}";

    public string ExternalRelation(string location, string? format, string? readOptions = null)
        => throw new NotSupportedException("PostgreSQL does not read files; ngdbt loads file sources into it first");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(NUMERIC|DECIMAL)\((\d+),(\d+)\)$")]
    private static partial Regex Numeric();

    [GeneratedRegex(@"^(CHARACTERVARYING|VARCHAR|CHARACTER|CHAR|BPCHAR)(\(\d+\))?$")]
    private static partial Regex Text();

    public string NormalizeType(string type)
    {
        var t = Spaces().Replace(type.Trim().ToUpperInvariant(), string.Empty);
        if (Numeric().Match(t) is { Success: true } m)
        {
            return $"DECIMAL({m.Groups[2].Value},{m.Groups[3].Value})";
        }

        if (Text().IsMatch(t))
        {
            return "VARCHAR";
        }

        return t switch
        {
            "TEXT" or "STRING" or "NAME" => "VARCHAR",
            "INT" or "INT4" or "INTEGER" or "SERIAL" => "INTEGER",
            "INT8" or "BIGINT" or "LONG" or "BIGSERIAL" => "BIGINT",
            "INT2" or "SMALLINT" => "SMALLINT",
            "BOOL" or "BOOLEAN" => "BOOLEAN",
            "FLOAT8" or "DOUBLE" or "DOUBLEPRECISION" => "DOUBLE",
            "FLOAT4" or "REAL" or "FLOAT" => "FLOAT",
            "TIMESTAMP" or "TIMESTAMPWITHOUTTIMEZONE" => "TIMESTAMP",
            "TIMESTAMPTZ" or "TIMESTAMPWITHTIMEZONE" => "TIMESTAMP WITH TIME ZONE",
            "JSON" or "JSONB" => "JSON",
            "NUMERIC" or "DECIMAL" => "DECIMAL",
            _ => t,
        };
    }

    /// <summary>A canonical or user-written type name as PostgreSQL spells it.</summary>
    public string NativeType(string type) => NormalizeType(type) switch
    {
        "VARCHAR" => "text",
        "DOUBLE" => "double precision",
        "FLOAT" => "real",
        "JSON" => "jsonb",
        "HUGEINT" => "numeric(38,0)",
        "UBIGINT" => "numeric(20,0)",
        "UINTEGER" => "bigint",
        "TINYINT" or "UTINYINT" or "USMALLINT" => "integer",
        "BLOB" => "bytea",
        "DECIMAL" => "numeric",
        var t when t.StartsWith("DECIMAL(", StringComparison.Ordinal) => "numeric" + t["DECIMAL".Length..],
        var t => t.ToLowerInvariant(),
    };
}
