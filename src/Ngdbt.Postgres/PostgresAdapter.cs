using Ngdbt.Load;
using Npgsql;

namespace Ngdbt.Adapters.Postgres;

/// <summary>PostgreSQL through Npgsql: the only code that references the database client.</summary>
public sealed class PostgresAdapter : IDatabaseAdapter
{
    private readonly NpgsqlDataSource _source;
    private readonly PostgresDialect _dialect = new();
    private readonly bool _readOnly;
    private readonly CitusLayout? _citus;
    private readonly string? _shardCount;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<PostgresConnection, byte> _open = new();
    private readonly System.Runtime.InteropServices.PosixSignalRegistration[] _signals;

    public PostgresAdapter(TargetConfig target, bool readOnly = false, bool citus = false)
    {
        _readOnly = readOnly;
        Type = citus ? "citus" : "postgres";
        _citus = citus ? new CitusLayout(_dialect) : null;
        _shardCount = target.Field("shard_count");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = target.Field("host"),
            Port = int.Parse(target.Field("port") ?? "5432", System.Globalization.CultureInfo.InvariantCulture),
            Username = target.Field("user"),
            Password = target.Secrets.GetValueOrDefault("password"),
            Database = target.Field("dbname"),
            Timeout = int.Parse(target.Field("connect_timeout") ?? "10", System.Globalization.CultureInfo.InvariantCulture),
            KeepAlive = int.Parse(target.Field("keepalives") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            SearchPath = target.Field("search_path"),
            ApplicationName = "ngdbt",
            CommandTimeout = 0,
            // Statements are prepared per run; pooling keeps one physical connection per worker thread.
            MaxPoolSize = Math.Max(10, target.Threads + 2),
        };
        if (target.Field("sslmode") is { } ssl)
        {
            builder.SslMode = ssl.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant() switch
            {
                "disable" => SslMode.Disable,
                "allow" => SslMode.Allow,
                "prefer" => SslMode.Prefer,
                "require" => SslMode.Require,
                "verifyca" => SslMode.VerifyCA,
                "verifyfull" => SslMode.VerifyFull,
                _ => throw new AdapterSqlException($"sslmode '{ssl}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
            };
        }

        Role = target.Field("role");
        _source = NpgsqlDataSource.Create(builder);
        // Ctrl+C or SIGTERM: ask the server to cancel every running statement (their transactions roll back, so the
        // previous relations stay) before the process ends.
        _signals = [.. new[] { System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGTERM }
            .Select(s => System.Runtime.InteropServices.PosixSignalRegistration.Create(s, _ => CancelAll()))];
        // Fail now, with the server's words, rather than in the middle of a build.
        using var probe = Connect();
    }

    internal string? Role { get; }

    public string Type { get; }

    public ISqlDialect Dialect => _dialect;

    public AdapterCapabilities Capabilities => PostgresAdapterFactory.PostgresCapabilities;

    public IAdapterConnection Connect()
    {
        NpgsqlConnection connection;
        try
        {
            connection = _source.OpenConnection();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw PostgresErrors.Connection(e);
        }

        var wrapped = new PostgresConnection(connection, _dialect, c => _open.TryRemove(c, out _), _citus);
        _open[wrapped] = 0;
        if (_shardCount is { Length: > 0 } shards)
        {
            wrapped.Execute($"SET citus.shard_count = {int.Parse(shards, System.Globalization.CultureInfo.InvariantCulture)}");
        }
        if (Role is { Length: > 0 } role)
        {
            wrapped.Execute($"SET ROLE {_dialect.Quote(role)}");
        }

        if (_readOnly)
        {
            wrapped.Execute("SET default_transaction_read_only = on");
        }

        return wrapped;
    }

    /// <summary>Cancels the statement each open connection is running, on the server.</summary>
    public void CancelAll()
    {
        foreach (var connection in _open.Keys)
        {
            connection.Cancel();
        }
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _source.Dispose();
    }
}
