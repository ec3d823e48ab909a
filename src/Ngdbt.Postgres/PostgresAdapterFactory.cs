using Ngdbt.Load;

namespace Ngdbt.Adapters.Postgres;

/// <summary>Registers PostgreSQL (and, with <see cref="PostgresFlavor.Citus"/>, distributed PostgreSQL) by profile type.</summary>
public sealed class PostgresAdapterFactory : IAdapterFactory
{
    public static readonly AdapterCapabilities PostgresCapabilities = new(
        new HashSet<string>(StringComparer.Ordinal) { "view", "table", "incremental", "ephemeral" },
        new HashSet<string>(StringComparer.Ordinal) { "append", "merge", "delete+insert" },
        ReadsFiles: false,
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "csv" });

    public string Type => "postgres";

    public IReadOnlyList<ProfileField> Fields { get; } =
    [
        new("host", "server host name or address", Required: true),
        new("port", "server port", Default: "5432", IsInteger: true),
        new("user", "role to connect as", Required: true),
        new("password", "the role's password (a secret: never printed)"),
        new("dbname", "database name", Required: true),
        new("sslmode", "disable, allow, prefer, require, verify-ca or verify-full", Default: "prefer"),
        new("connect_timeout", "seconds to wait for a connection", Default: "10", IsInteger: true),
        new("keepalives", "TCP keepalive interval in seconds (0 = off)", Default: "0", IsInteger: true),
        new("search_path", "schemas searched for unqualified names"),
        new("role", "role to SET after connecting"),
    ];

    public AdapterCapabilities Capabilities => PostgresCapabilities;

    public IReadOnlyList<MacroSource> Macros { get; } = ReadMacros();

    public IReadOnlyList<string> ConfigKeys { get; } = [];

    public string DefaultSchema => "public";

    public string DatabaseName(TargetConfig target) => target.Field("dbname") ?? "postgres";

    public IDatabaseAdapter Create(TargetConfig target, bool readOnly = false) => new PostgresAdapter(target, readOnly);

    internal static IReadOnlyList<MacroSource> ReadMacros()
    {
        var assembly = typeof(PostgresAdapterFactory).Assembly;
        return [.. assembly.GetManifestResourceNames().Where(n => n.StartsWith("ngdbt_postgres.macros.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(n =>
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
            return new MacroSource("ngdbt_postgres", "macros/" + n["ngdbt_postgres.macros.".Length..], reader.ReadToEnd());
        })];
    }
}
