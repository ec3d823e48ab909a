using System.Globalization;
using DuckDB.NET.Data;
using Xunit;

namespace NeoGlobal.Dashboard.Tests;

/// <summary>
/// Builds a 3,000-row warehouse from Fixtures/warehouse.sql in a temp file, then serves it on a free loopback port.
/// Tests query the same file directly (read-only) to get the expected figures.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const int Rows = 3000;

    private DashboardServer? _server;

    public string Dir { get; } = Directory.CreateTempSubdirectory("ngdash-").FullName;

    public string WarehousePath => Path.Combine(Dir, "warehouse.duckdb");

    public Uri Url => _server!.Url;

    public DashboardOptions Options => new(WarehousePath, Port: 0);

    public HttpClient Http { get; private set; } = null!;

    public static void BuildWarehouse(string path, int rows)
    {
        var sql = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "warehouse.sql"));
        using var connection = new DuckDBConnection($"DataSource={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SET VARIABLE n = {rows.ToString(CultureInfo.InvariantCulture)};\n{sql}";
        command.ExecuteNonQuery();
    }

    public async Task InitializeAsync()
    {
        BuildWarehouse(WarehousePath, Rows);
        _server = await DashboardHost.StartAsync(Options);
        Http = new HttpClient { BaseAddress = _server.Url };
    }

    /// <summary>A scalar straight from the warehouse (same read-only connection string as the server).</summary>
    public object? Scalar(string sql)
    {
        using var connection = new DuckDBConnection($"DataSource={WarehousePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public string Money(string sql) => ((decimal)Scalar(sql)!).ToString("0.0000", CultureInfo.InvariantCulture);

    public long Count(string sql) => Convert.ToInt64(Scalar(sql), CultureInfo.InvariantCulture);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(Dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
