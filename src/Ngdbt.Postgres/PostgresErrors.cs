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

    /// <summary>SQLSTATEs of a server going away under a statement: class 08 (connection exception) and 57P (operator
    /// intervention: admin or crash shutdown, cannot connect now).</summary>
    public static bool IsConnectionLoss(PostgresException e) => e.SqlState.StartsWith("08", StringComparison.Ordinal) || e.SqlState.StartsWith("57P", StringComparison.Ordinal);

    /// <summary>The connection to <paramref name="node"/> ("coordinator 10.0.0.5:5432") was lost mid-statement. Its
    /// transaction never committed, so the server rolls it back: the previous relations are intact.</summary>
    public static AdapterSqlException Lost(Exception e, string node)
    {
        var reason = e switch
        {
            PostgresException p => p.MessageText,
            { InnerException: System.IO.EndOfStreamException } => "the server closed the connection",
            { InnerException: { } inner } => inner.Message,
            _ => e.Message,
        };
        return new AdapterSqlException($"lost the connection to the {node} ({reason}); the node's transaction did not commit, so the previous relation is intact: rerun once the server is back", null, e);
    }

    /// <summary>The server reports it lost a connection of its own (Citus: "connection to the remote node
    /// postgres@10.0.0.6:5432 failed ..."): its message names the node; <paramref name="node"/> is the one that said so.</summary>
    public static AdapterSqlException Unreachable(PostgresException e, string node) =>
        new($"{e.MessageText.TrimEnd()} (reported by the {node}); the node's transaction did not commit, so the previous relation is intact: rerun once that node is back", null, e);

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
