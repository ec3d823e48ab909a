using Npgsql;

namespace Ngdbt.Adapters.Postgres;

/// <summary>Turns Npgsql's exceptions into messages for people, with the statement position as line and column.</summary>
internal static class PostgresErrors
{
    public static AdapterSqlException Statement(PostgresException e, string sql)
    {
        int? line = null;
        int? column = null;
        if (e.Position > 0 && e.Position <= sql.Length + 1)
        {
            var before = sql[..(e.Position - 1)];
            line = before.Count(c => c == '\n') + 1;
            column = before.Length - (before.LastIndexOf('\n') + 1) + 1;
        }

        var message = e.MessageText + (e.Detail is { Length: > 0 } d ? $" ({d})" : string.Empty) + (e.Hint is { Length: > 0 } h ? $"; hint: {h}" : string.Empty);
        return new AdapterSqlException(message, line, e, column);
    }

    /// <summary>A connection that cannot be opened: wrong password, unreachable host, missing database.</summary>
    public static AdapterSqlException Connection(Exception e) => e switch
    {
        PostgresException { SqlState: "28P01" or "28000" } p => new AdapterSqlException($"authentication failed: {p.MessageText}", null, e),
        PostgresException { SqlState: "3D000" } p => new AdapterSqlException($"database does not exist: {p.MessageText}", null, e),
        PostgresException p => new AdapterSqlException(p.MessageText, null, e),
        NpgsqlException { InnerException: System.Net.Sockets.SocketException s } => new AdapterSqlException($"cannot reach the server: {s.Message}", null, e),
        NpgsqlException { InnerException: TimeoutException } or TimeoutException => new AdapterSqlException("cannot reach the server: the connection timed out", null, e),
        _ => new AdapterSqlException(e.Message, null, e),
    };
}
