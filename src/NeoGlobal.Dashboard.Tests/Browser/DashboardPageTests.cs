using System.Globalization;
using Microsoft.Playwright;
using Xunit;

namespace NeoGlobal.Dashboard.Tests.Browser;

/// <summary>The dashboard page in real headless Chromium against the fixture warehouse.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardPageTests(DashboardFixture fx, BrowserFixture chromium) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Fact = "main_integrity.fct_reconciliation";
    private IBrowserContext? _context;
    private IPage _page = null!;
    private readonly List<string> _errors = [];

    public async Task InitializeAsync()
    {
        if (!BrowserFixture.Available) return;
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true });
        _page = await _context.NewPageAsync();
        _page.PageError += (_, e) => _errors.Add(e);
        _page.Console += (_, m) => { if (m.Type == "error") _errors.Add(m.Text); };
        await _page.GotoAsync(fx.Url.AbsoluteUri);
        await _page.WaitForFunctionAsync("() => document.body.dataset.ready === '1'");
    }

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
    }

    private static string ScreenshotDir => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private Task ShotAsync(string name) => _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    /// <summary>Runs an action that reloads the table and waits until the new rows are rendered.</summary>
    private async Task ReloadAsync(Func<Task> action)
    {
        var before = await _page.EvaluateAsync<string>("() => document.body.dataset.rowsVersion");
        await action();
        await _page.WaitForFunctionAsync("v => document.body.dataset.rowsVersion !== v", before);
    }

    private Task<IReadOnlyList<string>> ColumnAsync(int n) => _page.Locator($"#rows tbody td:nth-child({n})").AllTextContentsAsync();

    /// <summary>The codes behind a column shown in words (anomaly class, status): the cells' data-code attributes.</summary>
    private Task<string[]> CodesAsync(int n) =>
        _page.EvaluateAsync<string[]>($"() => [...document.querySelectorAll('#rows tbody td:nth-child({n})')].map((td) => td.dataset.code)");

    private static string Display(string exact) =>
        Data.Money.Display(exact);

    [SkippableBrowserFact]
    public async Task Cards_show_the_warehouse_sums_to_the_cent()
    {
        var total = fx.Money($"SELECT sum(leakage_amount) FROM {Fact}");
        var missing = fx.Money($"SELECT sum(billing_amount) FROM {Fact} WHERE is_missing_in_erp");
        var mismatch = fx.Money($"SELECT sum(abs(variance)) FROM {Fact} WHERE is_amount_mismatch");
        Assert.Equal(total, await _page.GetAttributeAsync("#card-leakage", "data-value"));
        Assert.Equal(Display(total), await _page.TextContentAsync("#card-leakage .card-value"));
        Assert.Equal(Display(missing), await _page.TextContentAsync("#card-missing .card-value"));
        Assert.Equal(Display(mismatch), await _page.TextContentAsync("#card-mismatch .card-value"));
        var drifts = fx.Count($"SELECT count(*) FROM {Fact} WHERE is_timing_drift");
        Assert.Equal(drifts.ToString("N0", CultureInfo.InvariantCulture), await _page.TextContentAsync("#card-drift .card-value"));
        var definition = await _page.TextContentAsync("#definition");
        Assert.Contains("Total Leakage is the billed amount", definition);
        Assert.DoesNotContain("leakage_amount", definition); // words for a controller; column names only in tooltips and CSV
        await ShotAsync("dashboard");
        Assert.Empty(_errors);
    }

    [SkippableBrowserFact]
    public async Task Money_formatting_is_exact_string_arithmetic()
    {
        string[] cases = ["0.0000", "-0.0049", "1234.5650", "-1234.5649", "99999999999999.9999", "12345678901234567890.0050"];
        foreach (var c in cases)
        {
            var js = await _page.EvaluateAsync<string>("s => window.ngDashboard.money(s)", c);
            var expected = c.Length > 25 ? "$12,345,678,901,234,567,890.01" : Display(c);
            Assert.Equal(expected, js);
        }
    }

    [SkippableBrowserFact]
    public async Task Filtering_to_one_anomaly_type_shows_only_those_rows()
    {
        await ReloadAsync(() => _page.SelectOptionAsync("#f-anomaly", "timing_drift"));
        Assert.All(await CodesAsync(4), t => Assert.Equal("timing_drift", t));
        Assert.All(await ColumnAsync(4), t => Assert.Equal("Posted late", t)); // the class in words, the code only in the tooltip
        var expected = fx.Count($"SELECT count(*) FROM {Fact} WHERE anomaly_type = 'timing_drift'");
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), await _page.GetAttributeAsync("#rows-total", "data-total"));
        await ShotAsync("filter-timing-drift");
    }

    [SkippableBrowserFact]
    public async Task Sorting_and_paging_follow_the_warehouse_order()
    {
        await ReloadAsync(() => _page.ClickAsync("#rows th[data-sort='billing_amount']"));
        var page1 = await ColumnAsync(1);
        await ReloadAsync(() => _page.ClickAsync("#next"));
        var page2 = await ColumnAsync(1);
        Assert.Equal(50, page1.Count);
        Assert.DoesNotContain(page2, page1.Contains);
        Assert.Contains("page 2 of", await _page.TextContentAsync("#page-info"));
        var expected = new List<string>();
        for (var offset = 0; offset < 100; offset += 50)
            expected.Add((string)fx.Scalar($"SELECT string_agg(recon_id, ',' ORDER BY billing_amount ASC NULLS LAST, recon_id ASC) FROM (SELECT * FROM {Fact} WHERE anomaly_type <> 'perfect_match' ORDER BY billing_amount ASC NULLS LAST, recon_id ASC LIMIT 50 OFFSET {offset})")!);
        Assert.Equal(expected[0], string.Join(',', page1));
        Assert.Equal(expected[1], string.Join(',', page2));
        await ReloadAsync(() => _page.ClickAsync("#rows th[data-sort='billing_amount']"));
        Assert.Contains("sorted-desc", await _page.GetAttributeAsync("#rows th[data-sort='billing_amount']", "class"));
        await ShotAsync("sorted-paged");
    }

    [SkippableBrowserFact]
    public async Task Csv_export_downloads_the_filtered_rows()
    {
        await ReloadAsync(() => _page.SelectOptionAsync("#f-anomaly", "amount_mismatch"));
        var download = await _page.RunAndWaitForDownloadAsync(() => _page.ClickAsync("#csv"));
        var path = Path.Combine(ScreenshotDir, "amount_mismatch.csv");
        await download.SaveAsAsync(path);
        var lines = File.ReadAllLines(path);
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE anomaly_type = 'amount_mismatch'"), lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",amount_mismatch,", l));
    }

    [SkippableBrowserFact]
    public async Task Clicking_bars_filters_the_table_to_the_rows_behind_them()
    {
        // The bar buttons only mark where the bars are (pointer-events: none): a forced click lands on the chart itself.
        await ReloadAsync(() => _page.ClickAsync("#chart-type .bar[data-key='missing_in_erp']", new PageClickOptions { Force = true }));
        Assert.All(await CodesAsync(4), t => Assert.Equal("missing_in_erp", t));
        var month = _page.Locator("#chart-month .bar").Nth(2);
        var barValue = await month.GetAttributeAsync("data-value");
        await ReloadAsync(() => month.ClickAsync(new LocatorClickOptions { Force = true }));
        Assert.Equal(barValue, await _page.GetAttributeAsync("#rows-leakage", "data-value"));
        Assert.Equal("1", await _page.EvaluateAsync<string>("() => document.getElementById('f-leaking').checked ? '1' : '0'"));
        Assert.True(await _page.EvaluateAsync<bool>("() => { const r = document.getElementById('transactions').getBoundingClientRect(); return r.top < innerHeight && r.top > -10; }"),
            "the table is scrolled into view after a bar click");
        await ShotAsync("month-bar-clicked");
    }

    [SkippableBrowserFact]
    public async Task Detail_view_shows_both_sides_and_the_adjustment()
    {
        await ReloadAsync(() => _page.SelectOptionAsync("#f-anomaly", "amount_mismatch"));
        await _page.ClickAsync("#rows tbody tr:first-child");
        await _page.WaitForSelectorAsync("#detail[open]");
        Assert.Contains("Stripe", await _page.TextContentAsync("#detail-stripe"));
        Assert.Contains("NetSuite", await _page.TextContentAsync("#detail-netsuite"));
        Assert.Equal(2, await _page.Locator("#adjustments tbody tr").CountAsync());
        // Account names come from the chart of accounts.
        Assert.Contains("4000 · Subscription Revenue", await _page.TextContentAsync("#detail-netsuite"));
        var adjustmentAccounts = await _page.Locator("#adjustments tbody td:nth-child(6)").AllTextContentsAsync();
        Assert.Equal(["1200 · Accounts Receivable", "4000 · Subscription Revenue"], adjustmentAccounts.Order(StringComparer.Ordinal));
        await ShotAsync("detail");
    }

    [SkippableBrowserFact]
    public async Task Hostile_strings_render_as_text()
    {
        await ReloadAsync(() => _page.SelectOptionAsync("#f-anomaly", "all"));
        await ReloadAsync(() => _page.FillAsync("#f-customer", "cus_00007"));
        Assert.All(await ColumnAsync(3), t => Assert.Equal("<img src=x onerror=window.__xss=1>", t));
        Assert.Equal(0, await _page.Locator("#rows img").CountAsync());
        await ReloadAsync(() => _page.FillAsync("#f-customer", "x';--"));
        Assert.Contains("not allowed", await _page.TextContentAsync("#error"));
        Assert.Null(await _page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        await ShotAsync("hostile");
    }
}
