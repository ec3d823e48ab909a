using System.Net;
using System.Text.Json;
using DuckDB.NET.Data;
using NeoGlobal.Dashboard.Api;
using Xunit;

namespace NeoGlobal.Dashboard.Tests;

/// <summary>
/// While the warehouse file cannot be read (a build holds its lock, or it is half written), the API keeps answering
/// with the last good figures and marks every answer stale; with nothing loaded before it answers 503 with a reason.
/// Never an empty HTTP 500.
/// </summary>
public sealed class BusyWarehouseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ngdash-busy-").FullName;

    private string WarehousePath => Path.Combine(_dir, "warehouse.duckdb");

    [Fact]
    public async Task An_unreadable_warehouse_serves_the_last_good_figures_marked_stale_and_recovers()
    {
        DashboardFixture.BuildWarehouse(WarehousePath, 400);
        await using var server = await DashboardHost.StartAsync(new DashboardOptions(WarehousePath, Port: 0));
        using var http = new HttpClient { BaseAddress = server.Url };
        var (good, goodHeaders) = await GetAsync(http, "api/summary");
        Assert.False(goodHeaders.Contains(Endpoints.StaleAsOfHeader));
        var goodLeakage = good.GetProperty("cards").GetProperty("totalLeakage").GetString();

        // The file is replaced by something that is not (yet) a warehouse: as a copy or rebuild in progress leaves it.
        File.WriteAllBytes(WarehousePath, [.. "half-written"u8, .. new byte[4096]]);
        foreach (var url in new[] { "api/summary", "api/rows?size=5" })
        {
            var (body, headers) = await GetAsync(http, url);
            Assert.True(headers.TryGetValues(Endpoints.StaleAsOfHeader, out var asOf), url);
            Assert.True(DateTime.TryParse(asOf.Single(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _));
            Assert.Contains("not a readable warehouse", headers.GetValues(Endpoints.StaleReasonHeader).Single(), StringComparison.Ordinal);
            if (url == "api/summary")
            {
                Assert.Equal(goodLeakage, body.GetProperty("cards").GetProperty("totalLeakage").GetString());
                Assert.Equal(asOf.Single(), body.GetProperty("stale").GetProperty("asOfUtc").GetString());
            }
        }

        // A new build lands: fresh figures, no stale mark.
        File.Delete(WarehousePath);
        DashboardFixture.BuildWarehouse(WarehousePath, 800);
        var (fresh, freshHeaders) = await GetAsync(http, "api/summary");
        Assert.False(freshHeaders.Contains(Endpoints.StaleAsOfHeader));
        Assert.Equal(JsonValueKind.Null, fresh.GetProperty("stale").ValueKind);
        Assert.Equal(Leakage(), fresh.GetProperty("cards").GetProperty("totalLeakage").GetString());
        Assert.NotEqual(goodLeakage, fresh.GetProperty("cards").GetProperty("totalLeakage").GetString());
    }

    [Fact]
    public async Task A_warehouse_a_build_is_writing_serves_the_last_good_figures_marked_stale()
    {
        DashboardFixture.BuildWarehouse(WarehousePath, 400);
        await using var server = await DashboardHost.StartAsync(new DashboardOptions(WarehousePath, Port: 0));
        using var http = new HttpClient { BaseAddress = server.Url };
        var (good, _) = await GetAsync(http, "api/summary");

        // Another process holds DuckDB's lock on the file (a POSIX record lock, as a running `ngdbt build` holds it)
        // and has touched it; the dashboard must not read it, nor answer 500.
        await using (await WarehouseLock.TakeAsync(WarehousePath))
        {
            var (body, headers) = await GetAsync(http, "api/summary");
            Assert.True(headers.Contains(Endpoints.StaleAsOfHeader), "served as current while a build holds the warehouse");
            Assert.Equal("a build is writing it", headers.GetValues(Endpoints.StaleReasonHeader).Single());
            Assert.Equal(good.GetProperty("cards").GetProperty("totalLeakage").GetString(), body.GetProperty("cards").GetProperty("totalLeakage").GetString());
        }

        var (after, afterHeaders) = await GetAsync(http, "api/summary");
        Assert.False(afterHeaders.Contains(Endpoints.StaleAsOfHeader));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("stale").ValueKind);
    }

    [Fact]
    public async Task An_unreadable_warehouse_with_nothing_loaded_before_is_a_503_with_the_reason()
    {
        File.WriteAllBytes(WarehousePath, [.. "not a database"u8, .. new byte[4096]]);
        await using var server = await DashboardHost.StartAsync(new DashboardOptions(WarehousePath, Port: 0));
        using var http = new HttpClient { BaseAddress = server.Url };
        foreach (var url in new[] { "api/summary", "api/rows", "api/items/x" })
        {
            using var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
            Assert.Contains("the warehouse cannot be read", error, StringComparison.Ordinal);
            Assert.Contains("no earlier data was loaded", error, StringComparison.Ordinal);
        }
    }

    private string Leakage()
    {
        using var connection = new DuckDBConnection($"DataSource={WarehousePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sum(leakage_amount) FROM main_integrity.fct_reconciliation";
        return ((decimal)command.ExecuteScalar()!).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(JsonElement Body, System.Net.Http.Headers.HttpResponseHeaders Headers)> GetAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return (JsonDocument.Parse(text).RootElement, response.Headers);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
