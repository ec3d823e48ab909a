using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace Ngdbt.Docs.DuckDb;

/// <summary>
/// <see cref="ISqlParseTreeProvider"/> backed by an in-memory DuckDB: <c>SELECT json_serialize_sql(?)</c>.
/// Only parses (no catalog, no data). Thread-safe: each concurrent caller borrows its own connection.
/// </summary>
public sealed class DuckDbParseTreeProvider : ISqlParseTreeProvider, IDisposable
{
    private readonly ConcurrentBag<DuckDBConnection> _idle = [];
    private readonly ConcurrentBag<DuckDBConnection> _all = [];

    /// <summary>This build plus the DuckDB.NET (and so DuckDB) version that parses.</summary>
    public string Fingerprint { get; } = typeof(DuckDbParseTreeProvider).Assembly.ManifestModule.ModuleVersionId + " duckdb.net "
        + typeof(DuckDBConnection).Assembly.GetName().Version;

    public string SerializeSql(string sql)
    {
        var connection = Rent();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT json_serialize_sql($sql::VARCHAR)";
            command.Parameters.Add(new DuckDBParameter("sql", sql));
            return command.ExecuteScalar() as string
                ?? throw new InvalidOperationException("json_serialize_sql returned no value");
        }
        finally
        {
            _idle.Add(connection);
        }
    }

    private DuckDBConnection Rent()
    {
        if (_idle.TryTake(out var connection)) return connection;
        connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        _all.Add(connection);
        return connection;
    }

    public void Dispose()
    {
        foreach (var connection in _all) connection.Dispose();
    }
}
