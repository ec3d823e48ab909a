using System.Net;
using System.Text.Json;
using Xunit;

namespace NeoGlobal.Dashboard.Tests;

/// <summary>The JSON API against the fixture warehouse: figures equal direct SQL, filters/sort/paging behave.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ApiTests(DashboardFixture fx)
{
    private const string Fact = "main_integrity.fct_reconciliation";

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await fx.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} → {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Docs_link_without_a_generated_site_explains_how_to_get_one()
    {
        foreach (var path in new[] { "docs/", "docs/index.html", "docs" })
        {
            using var response = await fx.Http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("ngdbt docs generate", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Item_detail_names_accounts_from_the_chart_of_accounts()
    {
        var id = (string)fx.Scalar($"SELECT min(recon_id) FROM {Fact} WHERE anomaly_type = 'amount_mismatch'")!;
        var item = await GetAsync("api/items/" + id);
        Assert.True(item.GetProperty("netSuite").GetProperty("accountName").GetString() == "Subscription Revenue", item.ToString());
        Assert.Contains(item.GetProperty("adjustments").EnumerateArray(), a => a.GetProperty("accountName").GetString() == "Accounts Receivable");
    }

    [Fact]
    public async Task Summary_cards_equal_warehouse_sums_exactly()
    {
        var cards = (await GetAsync("api/summary")).GetProperty("cards");
        Assert.Equal(fx.Money($"SELECT sum(leakage_amount) FROM {Fact}"), cards.GetProperty("totalLeakage").GetString());
        Assert.Equal(fx.Money($"SELECT sum(billing_amount) FROM {Fact} WHERE is_missing_in_erp"), cards.GetProperty("missingInErpTotal").GetString());
        Assert.Equal(fx.Money($"SELECT sum(abs(variance)) FROM {Fact} WHERE is_amount_mismatch"), cards.GetProperty("amountMismatchTotal").GetString());
        Assert.Equal(fx.Money($"SELECT coalesce(sum(variance) FILTER (WHERE variance < 0), 0) FROM {Fact}"), cards.GetProperty("erpOverstatementTotal").GetString());
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE variance < 0"), cards.GetProperty("erpOverstatementCount").GetInt64());
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE is_timing_drift"), cards.GetProperty("timingDriftCount").GetInt64());
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE is_cutoff_risk"), cards.GetProperty("cutoffRiskCount").GetInt64());
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE is_metadata_mismatch"), cards.GetProperty("metadataMismatchCount").GetInt64());
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE stripe_id IS NOT NULL"), cards.GetProperty("billingRecords").GetInt64());
        Assert.Equal(JsonValueKind.String, cards.GetProperty("totalLeakage").ValueKind);
    }

    [Fact]
    public async Task Charts_add_up_to_the_total()
    {
        var s = await GetAsync("api/summary");
        var total = s.GetProperty("cards").GetProperty("totalLeakage").GetString();
        static string Sum(JsonElement bars, string prop) =>
            bars.EnumerateArray().Sum(b => decimal.Parse(b.GetProperty(prop).GetString()!, System.Globalization.CultureInfo.InvariantCulture))
                .ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(total, Sum(s.GetProperty("byMonth"), "leakage"));
        Assert.Equal(total, Sum(s.GetProperty("byDay"), "leakage"));
        Assert.Equal(total, Sum(s.GetProperty("byAnomalyType"), "leakage"));
        Assert.Equal(12, s.GetProperty("byMonth").GetArrayLength());
        // The ERP overstatement per period adds up to the card beside Total Leakage.
        var over = s.GetProperty("cards").GetProperty("erpOverstatementTotal").GetString();
        Assert.Equal(over, Sum(s.GetProperty("byMonth"), "erpOverstatement"));
        Assert.Equal(over, Sum(s.GetProperty("byDay"), "erpOverstatement"));
    }

    [Fact]
    public async Task Default_filter_excludes_perfect_matches_and_counts_match_sql()
    {
        var page = await GetAsync("api/rows");
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE anomaly_type <> 'perfect_match'"), page.GetProperty("total").GetInt64());
        Assert.All(page.GetProperty("rows").EnumerateArray(), r => Assert.NotEqual("perfect_match", r.GetProperty("anomalyType").GetString()));
        Assert.Equal(50, page.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Combined_filters_match_sql()
    {
        var page = await GetAsync("api/rows?anomaly=missing_in_erp,amount_mismatch&status=open&from=2025-03-01&to=2025-05-31&min=50&max=5000.5&size=500");
        var expected = fx.Count($"""
            SELECT count(*) FROM {Fact} WHERE anomaly_type IN ('missing_in_erp','amount_mismatch') AND status = 'open'
              AND transaction_date BETWEEN DATE '2025-03-01' AND DATE '2025-05-31'
              AND coalesce(billing_amount, ledger_amount) BETWEEN 50 AND 5000.5
            """);
        Assert.True(expected > 0);
        Assert.Equal(expected, page.GetProperty("total").GetInt64());
        Assert.Equal(expected, page.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Customer_and_id_search()
    {
        var byCustomer = await GetAsync("api/rows?anomaly=all&customer=cus_00042");
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE customer_id = 'cus_00042'"), byCustomer.GetProperty("total").GetInt64());
        var stripeId = (string)fx.Scalar($"SELECT stripe_id FROM {Fact} WHERE recon_id = 'rc_00000085'")!;
        var byId = await GetAsync("api/rows?q=" + stripeId);
        Assert.Equal("rc_00000085", byId.GetProperty("rows")[0].GetProperty("reconId").GetString());
    }

    [Fact]
    public async Task Sorting_and_paging_are_disjoint_and_ordered()
    {
        var p1 = await GetAsync("api/rows?sort=billing_amount&dir=asc&size=100&page=1");
        var p2 = await GetAsync("api/rows?sort=billing_amount&dir=asc&size=100&page=2");
        var ids1 = p1.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("reconId").GetString()).ToHashSet();
        var ids2 = p2.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("reconId").GetString()).ToList();
        Assert.DoesNotContain(ids2, ids1.Contains);
        var amounts = p1.GetProperty("rows").EnumerateArray().Concat(p2.GetProperty("rows").EnumerateArray())
            .Select(r => r.GetProperty("billingAmount").GetString()).Where(a => a is not null)
            .Select(a => decimal.Parse(a!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(amounts.Order().ToList(), amounts);
        var beyond = await GetAsync("api/rows?page=100000");
        Assert.Equal(0, beyond.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Csv_streams_every_filtered_row()
    {
        using var response = await fx.Http.GetAsync("api/rows.csv?anomaly=amount_mismatch");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.StartsWith("recon_id,transaction_date", lines[0]);
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE anomaly_type = 'amount_mismatch'"), lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",amount_mismatch,", l));
    }

    [Fact]
    public async Task Item_detail_has_both_sides_and_adjustments()
    {
        var id = (string)fx.Scalar($"SELECT min(recon_id) FROM {Fact} WHERE anomaly_type = 'amount_mismatch'")!;
        var item = await GetAsync("api/items/" + id);
        Assert.Equal(id, item.GetProperty("reconciliation").GetProperty("reconId").GetString());
        Assert.NotNull(item.GetProperty("stripe").GetProperty("billingAmount").GetString());
        Assert.NotNull(item.GetProperty("netSuite").GetProperty("ledgerAmount").GetString());
        Assert.Equal(2, item.GetProperty("adjustments").GetArrayLength());
        using var missing = await fx.Http.GetAsync("api/items/rc_99999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void Export_writes_a_self_contained_escaped_report()
    {
        var path = DashboardExport.Export(fx.Options, Path.Combine(fx.Dir, "out", "report.html"));
        var html = File.ReadAllText(path);
        var total = fx.Money($"SELECT sum(leakage_amount) FROM {Fact}");
        Assert.Contains($"data-value=\"{total}\"", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        // A controller reads words: classes and statuses in plain language (codes only in tooltips), leakage by type in
        // dollars without the perfect matches, and the overstatement beside the leakage.
        Assert.Contains(">Missing in NetSuite</td>", html);
        Assert.DoesNotContain(">missing_in_erp</td>", html);
        Assert.Contains("Leakage by type ($)", html);
        Assert.DoesNotContain(">Perfect match<", html);
        Assert.Contains($"data-value=\"{fx.Money($"SELECT coalesce(sum(variance), 0) FROM {Fact} WHERE variance < 0")}\"", html);
    }
}
