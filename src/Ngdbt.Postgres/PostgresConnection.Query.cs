using System.Data;
using System.Globalization;
using Npgsql;

namespace Ngdbt.Adapters.Postgres;

internal sealed partial class PostgresConnection
{
    /// <summary>The command a worker is running, so Ctrl+C / SIGTERM can cancel it on the server.</summary>
    private NpgsqlCommand? _running;

    public void Cancel()
    {
        try
        {
            _running?.Cancel();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            // Nothing is running, or the connection is already gone: nothing to cancel.
        }
    }

    public QueryResult Query(string sql, int? maxRows = null)
    {
        var text = maxRows is { } n ? dialect.Limit(sql, n) : sql;
        return Run(() =>
        {
            using var cmd = Command(text);
            using var reader = cmd.ExecuteReader();
            var columns = Columns(reader);
            var rows = new List<IReadOnlyList<object?>>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return new QueryResult(columns, rows);
        }, text);
    }

    /// <summary>The statement's result description without running it (the money guard and contracts read this).</summary>
    public IReadOnlyList<ColumnInfo> Describe(string sql) => Run(() =>
    {
        using var cmd = Command(sql);
        using var reader = cmd.ExecuteReader(CommandBehavior.SchemaOnly);
        return Columns(reader);
    }, sql);

    public IDataReader Stream(string sql) => Run(() => Command(sql).ExecuteReader(), sql);

    public long Execute(string sql) => Run(() =>
    {
        using var cmd = Command(sql);
        return (long)cmd.ExecuteNonQuery();
    }, sql);

    private object? Scalar(string sql) => Run(() =>
    {
        using var cmd = Command(sql);
        var value = cmd.ExecuteScalar();
        return value is DBNull ? null : value;
    }, sql);

    private List<ColumnInfo> Columns(NpgsqlDataReader reader)
        => [.. reader.GetColumnSchema().Select(c => new ColumnInfo(c.ColumnName, dialect.NormalizeType(TypeName(c))))];

    private static string TypeName(Npgsql.Schema.NpgsqlDbColumn c)
    {
        var name = c.PostgresType?.Name ?? c.DataTypeName;
        return name is "numeric" && c.NumericPrecision is { } p && c.NumericScale is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"numeric({p},{s})")
            : name;
    }

    private NpgsqlCommand Command(string sql) => _running = new(sql, connection) { CommandTimeout = 0 };

    private T Run<T>(Func<T> action, string sql)
    {
        try
        {
            return action();
        }
        catch (PostgresException e) when (!PostgresErrors.IsConnectionLoss(e) && (e.Severity == "ERROR" || connection.FullState != ConnectionState.Broken))
        {
            // The server answered with an error of the statement (even if the driver then gave up on the connection,
            // as after an error in the middle of a result): its words, not "lost the connection".
            throw PostgresErrors.Statement(e, sql);
        }
        catch (PostgresException e) when (connection.FullState != ConnectionState.Broken)
        {
            // The server is up but lost a node behind it (Citus: a worker), in the server's words, which name it.
            throw PostgresErrors.Unreachable(e, Node);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && connection.FullState is ConnectionState.Broken or ConnectionState.Closed)
        {
            // The server went away under the statement (or before it: the connection is already broken).
            throw PostgresErrors.Lost(e, Node);
        }
        catch (NpgsqlException e)
        {
            throw PostgresErrors.Connection(e);
        }
    }

    /// <summary>The server this connection talks to, as errors name it: on Citus the coordinator (a worker's failure
    /// comes back from the coordinator in Citus's own words, naming the worker).</summary>
    private string Node => _node;

    // Taken while the connection is open: a broken connection no longer reports its host and port.
    private readonly string _node = $"{(citus is null ? "server" : "coordinator")} {connection.Host}:{connection.Port}";

    public IReadOnlyList<CatalogEntry> ReadCatalog(IReadOnlyCollection<RelationRef>? relations)
    {
        var wanted = relations?.ToHashSet();
        var rows = Query("""
            SELECT n.nspname, c.relname, c.relkind::text, a.attname, format_type(a.atttypid, a.atttypmod),
                   CASE WHEN c.relkind IN ('r', 'p') THEN pg_total_relation_size(c.oid) END,
                   CASE WHEN c.relkind IN ('r', 'p') AND c.reltuples >= 0 THEN c.reltuples::bigint END
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%'
            ORDER BY n.nspname, c.relname, a.attnum
            """).Rows;
        return [.. rows.GroupBy(r => new RelationRef((string)r[0]!, (string)r[1]!))
            .Where(g => wanted is null || wanted.Contains(g.Key))
            .Select(g =>
            {
                var first = g.First();
                return new CatalogEntry(
                    g.Key,
                    (string)first[2]! is "v" or "m" ? RelationKind.View : RelationKind.Table,
                    [.. g.Select(r => new ColumnInfo((string)r[3]!, dialect.NormalizeType((string)r[4]!)))],
                    first[6] is null ? null : Convert.ToInt64(first[6], CultureInfo.InvariantCulture),
                    first[5] is null ? null : Convert.ToInt64(first[5], CultureInfo.InvariantCulture));
            })];
    }
}
