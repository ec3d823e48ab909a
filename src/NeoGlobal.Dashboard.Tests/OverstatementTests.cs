using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Xunit;

namespace NeoGlobal.Dashboard.Tests;

/// <summary>With the model's own overstatement_amount in the warehouse, the ERP overstatement card is that (negated: NetSuite
/// above Stripe), not every negative variance: FX and rounding differences below Stripe are not overstatements.</summary>
public sealed class OverstatementTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ngdash-over-").FullName;

    [Fact]
    public async Task The_overstatement_card_is_the_models_overstatement_amount_when_the_warehouse_has_it()
    {
        var path = Path.Combine(_dir, "warehouse.duckdb");
        DashboardFixture.BuildWarehouse(path, 600);
        string expected;
        long records;
        using (var connection = new DuckDBConnection($"DataSource={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Only double postings count here; the fixture's other negative variances must not.
            command.CommandText = """
                ALTER TABLE main_integrity.fct_reconciliation ADD COLUMN overstatement_amount DECIMAL(19,4) DEFAULT 0;
                UPDATE main_integrity.fct_reconciliation SET overstatement_amount = coalesce(ledger_amount, 0) WHERE anomaly_type = 'duplicate_in_erp';
                SELECT -sum(overstatement_amount), count(*) FILTER (WHERE overstatement_amount > 0),
                       sum(variance) FILTER (WHERE variance < 0) FROM main_integrity.fct_reconciliation;
                """;
            using var r = command.ExecuteReader();
            r.Read();
            expected = r.GetDecimal(0).ToString("0.0000", CultureInfo.InvariantCulture);
            records = r.GetInt64(1);
            Assert.NotEqual(expected, r.GetDecimal(2).ToString("0.0000", CultureInfo.InvariantCulture));
        }

        await using var server = await DashboardHost.StartAsync(new DashboardOptions(path, Port: 0));
        using var http = new HttpClient { BaseAddress = server.Url };
        var summary = JsonDocument.Parse(await http.GetStringAsync("api/summary")).RootElement;
        Assert.Equal(expected, summary.GetProperty("cards").GetProperty("erpOverstatementTotal").GetString());
        Assert.Equal(records, summary.GetProperty("cards").GetProperty("erpOverstatementCount").GetInt64());
        Assert.True(records > 0);
        var months = summary.GetProperty("byMonth").EnumerateArray().Sum(b => decimal.Parse(b.GetProperty("erpOverstatement").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(expected, months.ToString("0.0000", CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
