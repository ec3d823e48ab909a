using Ngdbt.Adapters;

namespace Ngdbt.Tests.Support;

/// <summary>A dialect for unit tests with fake adapters: names and expressions as written, and none of the optional
/// abilities (no hash buckets, no read-only attach).</summary>
internal sealed class PlainDialect : ISqlDialect
{
    public bool ReadsFiles => true;

    public string Quote(string identifier) => identifier;

    public string Relation(string schema, string identifier) => schema + "." + identifier;

    public string ExternalRelation(string location, string? format, string? readOptions = null) => location;

    public string Limit(string sql, int limit) => sql;

    public string Literal(string value) => "'" + value + "'";

    public string Cast(string expression, string type) => expression;

    public string NormalizeType(string type) => type;
}
