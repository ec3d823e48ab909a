using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace NeoGlobal.Dashboard.Tests.Browser;

/// <summary>States that never lie (stale, invalid input, empty), the filter in the URL, the record dialog, dark mode
/// and the 390 px layout — in Debian's headless Chromium.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardStateTests(DashboardFixture fx, BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    private const string Fact = "main_integrity.fct_reconciliation";

    private static string ScreenshotDir => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private async Task<(IBrowserContext, IPage, List<string>)> OpenAsync(Uri url, int width = 1440, int height = 1000, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height }, ColorScheme = scheme,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(url.AbsoluteUri);
        await page.WaitForFunctionAsync("() => document.body.dataset.ready === '1'");
        return (context, page, errors);
    }

    private static async Task ReloadAsync(IPage page, Func<Task> action)
    {
        var before = await page.EvaluateAsync<string>("() => document.body.dataset.rowsVersion");
        await action();
        await page.WaitForFunctionAsync("v => document.body.dataset.rowsVersion !== v", before);
    }

    [SkippableBrowserFact]
    public async Task After_the_server_stops_no_figure_is_shown_as_current()
    {
        var server = await DashboardHost.StartAsync(fx.Options);
        var (context, page, _) = await OpenAsync(server.Url);
        await using var _c = context;
        Assert.Equal("ready", await page.GetAttributeAsync("body", "data-state"));
        var leakage = await page.TextContentAsync("#card-leakage .card-value");
        Assert.Equal(0, await page.Locator(".stale-mark").CountAsync());

        await server.DisposeAsync();
        // Nobody touches the page: the heartbeat notices on its own.
        await page.WaitForFunctionAsync("() => document.body.dataset.state === 'stale'");
        Assert.True(await page.IsVisibleAsync("#status"));
        Assert.Contains("NOT current", await page.TextContentAsync("#status"));
        Assert.Matches(@"last good data, from \d", await page.TextContentAsync("#status") ?? "");
        foreach (var id in new[] { "#cards", "#charts", "#transactions" })
            Assert.Contains("stale", await page.GetAttributeAsync(id, "class"));
        var cards = await page.Locator(".card").CountAsync();
        Assert.True(cards >= 6);
        Assert.Equal(cards, await page.Locator(".card .stale-mark").CountAsync());
        Assert.All(await page.Locator(".stale-mark").AllTextContentsAsync(), t => Assert.StartsWith("stale · as of ", t));
        Assert.Equal(leakage, await page.TextContentAsync("#card-leakage .card-value")); // last good value, marked, not zeroed

        // A filter change while the server is gone must not turn into "0 records · $0.00" or "page 2 of 1".
        await ReloadAsync(page, () => page.FillAsync("#f-customer", "Globex"));
        var meta = await page.TextContentAsync("#rows-meta") ?? "";
        Assert.DoesNotMatch(@"^0 matching records", await page.TextContentAsync("#rows-total") ?? "");
        Assert.DoesNotMatch(@"(^|[^\d,])\$0\.00", meta);
        if (Regex.Match(await page.TextContentAsync("#page-info") ?? "", @"page ([\d,]+) of ([\d,]+)") is { Success: true } pi)
            Assert.True(long.Parse(pi.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture) <= long.Parse(pi.Groups[2].Value.Replace(",", ""), CultureInfo.InvariantCulture));
        Assert.Contains("stale", meta);
        Assert.Equal("stale", await page.GetAttributeAsync("body", "data-state"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, "stale.png"), FullPage = true });
    }

    [SkippableBrowserFact]
    public async Task While_a_build_holds_the_warehouse_the_page_shows_the_last_good_figures_as_stale_then_the_new_ones()
    {
        var dir = Directory.CreateTempSubdirectory("ngdash-lock-").FullName;
        var path = Path.Combine(dir, "warehouse.duckdb");
        DashboardFixture.BuildWarehouse(path, 500);
        var server = await DashboardHost.StartAsync(new DashboardOptions(path, Port: 0));
        await using var _s = server;
        var (context, page, errors) = await OpenAsync(server.Url);
        await using var _c = context;
        var leakage = await page.TextContentAsync("#card-leakage .card-value");

        await using (await WarehouseLock.TakeAsync(path))
        {
            // Nobody touches the page: the heartbeat learns that the server now serves the last good data.
            await page.WaitForFunctionAsync("() => document.body.dataset.state === 'stale'");
            Assert.Contains("cannot be read right now (a build is writing it)", await page.TextContentAsync("#status"));
            Assert.Contains("NOT current", await page.TextContentAsync("#status"));
            Assert.Equal(await page.Locator(".card").CountAsync(), await page.Locator(".card .stale-mark").CountAsync());
            Assert.Equal(leakage, await page.TextContentAsync("#card-leakage .card-value"));
        }

        File.Delete(path);
        DashboardFixture.BuildWarehouse(path, 900);
        // Once the lock is gone the page may first show the unchanged file as current again; then the new build's version
        // reaches the heartbeat and the new figures replace it, without anybody touching the page.
        await page.WaitForFunctionAsync("v => document.body.dataset.state === 'ready' && document.querySelector('#card-leakage .card-value').textContent !== v", leakage);
        Assert.Equal(0, await page.Locator(".stale-mark").CountAsync());
        Assert.Empty(errors);
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    [SkippableBrowserFact]
    public async Task A_page_opened_with_no_server_behind_it_says_so_and_shows_no_figures()
    {
        var server = await DashboardHost.StartAsync(fx.Options);
        var (context, page, _) = await OpenAsync(server.Url);
        await using var _c = context;
        await server.DisposeAsync();
        await page.EvaluateAsync("() => { document.body.dataset.ready = ''; window.oldDocument = true; }");
        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.Commit }).ContinueWith(_ => { });
        // The reload itself fails (nothing listens), so the browser shows its own error page, not stale figures. The
        // failed reload can return before the error page replaces the old document: wait for a new document (only
        // that loses the old one's window property).
        await page.WaitForFunctionAsync("() => window.oldDocument !== true", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Equal(0, await page.Locator("#card-leakage").CountAsync());
    }

    [SkippableBrowserFact]
    public async Task An_invalid_amount_is_flagged_next_to_the_field_and_the_table_is_not_presented_as_its_result()
    {
        var (context, page, errors) = await OpenAsync(fx.Url);
        await using var _c = context;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, "dashboard-1440.png") });
        await ReloadAsync(page, () => page.FillAsync("#f-min", "12,50"));
        Assert.True(await page.IsVisibleAsync("#f-min-err"));
        Assert.Contains("Enter an amount", await page.TextContentAsync("#f-min-err"));
        Assert.Equal("true", await page.GetAttributeAsync("#f-min", "aria-invalid"));
        Assert.Equal("f-min-err", await page.GetAttributeAsync("#f-min", "aria-describedby"));
        var meta = await page.TextContentAsync("#rows-meta") ?? "";
        Assert.DoesNotMatch(@"\b0 matching records", meta);
        Assert.Contains("Results not updated", meta);
        // The error sits beside the field (same row, right next to it).
        var field = await page.Locator("#f-min").BoundingBoxAsync();
        var err = await page.Locator("#f-min-err").BoundingBoxAsync();
        Assert.True(Math.Abs(err!.X - field!.X) < 120 && err.Y - (field.Y + field.Height) < 30, "error is next to the field");

        await ReloadAsync(page, () => page.FillAsync("#f-min", "12.50"));
        Assert.False(await page.IsVisibleAsync("#f-min-err"));
        Assert.Contains("matching records", await page.TextContentAsync("#rows-total"));
        Assert.Empty(errors);
    }

    [SkippableBrowserFact]
    public async Task No_match_shows_an_empty_state_with_clear_filters()
    {
        var (context, page, _) = await OpenAsync(fx.Url);
        await using var _c = context;
        await ReloadAsync(page, () => page.FillAsync("#f-q", "recon_does_not_exist"));
        Assert.True(await page.IsVisibleAsync("#empty"));
        Assert.Equal("0", await page.GetAttributeAsync("#rows-total", "data-total"));
        Assert.Equal("", await page.TextContentAsync("#page-info"));
        await ReloadAsync(page, () => page.ClickAsync("#empty-clear"));
        Assert.False(await page.IsVisibleAsync("#empty"));
        Assert.Equal("", await page.InputValueAsync("#f-q"));
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE anomaly_type <> 'perfect_match'").ToString(CultureInfo.InvariantCulture),
            await page.GetAttributeAsync("#rows-total", "data-total"));
    }

    [SkippableBrowserFact]
    public async Task Filters_apply_as_you_choose_and_round_trip_through_the_url()
    {
        var (context, page, _) = await OpenAsync(fx.Url);
        await using var _c = context;
        await ReloadAsync(page, () => page.SelectOptionAsync("#f-anomaly", "amount_mismatch"));
        await ReloadAsync(page, () => page.FillAsync("#f-min", "10"));
        await ReloadAsync(page, () => page.SelectOptionAsync("#f-size", "25"));
        var url = new Uri(page.Url);
        Assert.Contains("anomaly=amount_mismatch", url.Query);
        Assert.Contains("min=10", url.Query);
        Assert.Contains("size=25", url.Query);
        var total = await page.GetAttributeAsync("#rows-total", "data-total");
        Assert.Equal(fx.Count($"SELECT count(*) FROM {Fact} WHERE anomaly_type = 'amount_mismatch' AND coalesce(billing_amount, ledger_amount) >= 10")
            .ToString(CultureInfo.InvariantCulture), total);
        Assert.True(await page.Locator("#rows tbody tr").CountAsync() <= 25);

        // Shared link: a fresh page shows the same filter and the same rows.
        var (context2, page2, _) = await OpenAsync(url);
        await using var _c2 = context2;
        Assert.Equal("amount_mismatch", await page2.InputValueAsync("#f-anomaly"));
        Assert.Equal("10", await page2.InputValueAsync("#f-min"));
        Assert.Equal("25", await page2.InputValueAsync("#f-size"));
        Assert.Equal(total, await page2.GetAttributeAsync("#rows-total", "data-total"));

        // Back button: the previous filter comes back.
        await ReloadAsync(page, () => page.GoBackAsync());
        await ReloadAsync(page, () => page.GoBackAsync());
        Assert.Equal("", await page.InputValueAsync("#f-min"));
        Assert.Equal("amount_mismatch", await page.InputValueAsync("#f-anomaly"));
        Assert.DoesNotContain("min=", new Uri(page.Url).Query);
    }

    [SkippableBrowserFact]
    public async Task Record_detail_is_a_keyboard_dialog_with_a_deep_link()
    {
        var (context, page, _) = await OpenAsync(fx.Url);
        await using var _c = context;
        await ReloadAsync(page, () => page.SelectOptionAsync("#f-anomaly", "missing_in_erp"));
        var row = page.Locator("#rows tbody tr").First;
        var id = await row.GetAttributeAsync("data-id");
        await row.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#detail[open]");
        Assert.Equal("dialog", await page.EvaluateAsync<string>("() => document.getElementById('detail').tagName.toLowerCase()"));
        Assert.Equal("detail-close", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Contains("item=" + id, page.Url);
        Assert.Contains("No NetSuite record", await page.TextContentAsync("#detail-netsuite"));
        Assert.DoesNotContain("account", await page.TextContentAsync("#detail-netsuite"));
        Assert.Contains("Missing in NetSuite", await page.TextContentAsync("#detail-title"));
        var dialogBox = await page.Locator("#detail").BoundingBoxAsync();
        Assert.True(dialogBox!.X >= 0 && dialogBox.X + dialogBox.Width <= 1440, "dialog fits the window");

        await page.Keyboard.PressAsync("Escape");
        // The dialog's close event (queued after it closes) restores focus and the URL.
        await page.WaitForFunctionAsync("id => !document.getElementById('detail').open && document.activeElement.dataset.id === id && !location.search.includes('item=')", id);

        await row.ClickAsync();
        await page.WaitForSelectorAsync("#detail[open]");
        await page.Mouse.ClickAsync(3, 3); // outside the dialog, on the backdrop
        await page.WaitForFunctionAsync("() => !document.getElementById('detail').open");

        var (context2, page2, _) = await OpenAsync(new Uri(fx.Url, "?item=" + id));
        await using var _c2 = context2;
        await page2.WaitForSelectorAsync("#detail[open]");
        Assert.StartsWith(id!, await page2.TextContentAsync("#detail-title"));
    }

    [SkippableBrowserFact]
    public async Task Dark_mode_follows_the_system_and_the_toggle_with_readable_contrast()
    {
        var (context, page, _) = await OpenAsync(fx.Url, scheme: ColorScheme.Dark);
        await using var _c = context;
        Assert.Equal("dark", await page.GetAttributeAsync("html", "data-theme"));
        var ratio = await ContrastAsync(page, "body");
        Assert.True(ratio >= 4.5, $"body text contrast {ratio:0.00}");
        Assert.True(await ContrastAsync(page, ".card-sub") >= 4.5);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, "dashboard-dark.png") });
        await page.ClickAsync("#theme");
        Assert.Equal("light", await page.GetAttributeAsync("html", "data-theme"));
        Assert.True(await ContrastAsync(page, ".card-sub") >= 4.5);
        Assert.True(await ContrastAsync(page, ".muted") >= 4.5);
    }

    /// <summary>Pairs of chart texts (ticks, value labels) whose boxes overlap, per chart.</summary>
    private const string OverlappingChartLabels = @"() => ['#chart-month', '#chart-day', '#chart-type'].flatMap((id) => {
            const boxes = [...document.querySelectorAll(id + ' svg text')].filter((t) => t.textContent.trim())
              .map((t) => [t.textContent, t.getBoundingClientRect()]).filter(([, b]) => b.width > 0);
            const hits = [];
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const [ta, a] = boxes[i], [tb, b] = boxes[j];
              if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) hits.push(id + ': ' + ta + ' / ' + tb);
            }
            return hits; })";

    [SkippableBrowserFact]
    public async Task At_1440_px_no_chart_labels_overlap()
    {
        var (context, page, _) = await OpenAsync(fx.Url);
        await using var _c = context;
        var overlaps = await page.EvaluateAsync<string[]>(OverlappingChartLabels);
        Assert.True(overlaps.Length == 0, "overlapping chart labels at 1440 px: " + string.Join("; ", overlaps));
    }

    [SkippableBrowserFact]
    public async Task At_390_px_nothing_overflows_sideways()
    {
        var (context, page, _) = await OpenAsync(fx.Url, 390, 844);
        await using var _c = context;
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the window");
        var narrowest = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('.card-title, .card-value, h1, #filters label')].map(e => e.getBoundingClientRect().width))");
        Assert.True(narrowest > 60, $"some text is squeezed into {narrowest}px");
        // Axis ticks and value labels of each chart thin out to what 390 px holds: no two of them overlap.
        var overlaps = await page.EvaluateAsync<string[]>(OverlappingChartLabels);
        Assert.True(overlaps.Length == 0, "overlapping chart labels at 390 px: " + string.Join("; ", overlaps));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, "dashboard-390.png"), FullPage = true });
    }

    [SkippableBrowserFact]
    public async Task Leakage_by_type_is_in_dollars_in_plain_words_without_perfect_matches()
    {
        var (context, page, _) = await OpenAsync(fx.Url);
        await using var _c = context;
        Assert.Equal(0, await page.Locator("#chart-type .bar[data-key='perfect_match']").CountAsync());
        var labels = await page.Locator("#chart-type svg text").AllTextContentsAsync();
        Assert.Contains("Missing in NetSuite", labels);
        Assert.DoesNotContain("missing_in_erp", labels);
        // The biggest bar is the biggest dollar figure, and it is drawn with its exact money string.
        var first = page.Locator("#chart-type .bar").First;
        Assert.Equal("missing_in_erp", await first.GetAttributeAsync("data-key"));
        var exact = fx.Money($"SELECT sum(leakage_amount) FROM {Fact} WHERE anomaly_type = 'missing_in_erp'");
        Assert.Equal(exact, await first.GetAttributeAsync("data-value"));
        Assert.Contains(labels, t => t.StartsWith(Data.Money.Display(exact), StringComparison.Ordinal));
        // Code and one-line explanation in the tooltip only.
        await first.HoverAsync(new LocatorHoverOptions { Force = true });
        var tip = page.Locator(".ng-tip").Filter(new LocatorFilterOptions { HasText = "Missing in NetSuite" });
        await tip.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Contains("(missing_in_erp)", await tip.TextContentAsync());
        Assert.Contains("never posted", await tip.TextContentAsync());
        // Beside the chart, every class shown has its plain name and one-line explanation, without codes.
        var key = await page.TextContentAsync("#class-key") ?? "";
        Assert.Contains("Missing in NetSuite — Billed in Stripe but never posted", key);
        Assert.DoesNotContain("_", key);
    }

    [SkippableBrowserFact]
    public async Task Erp_overstatement_sits_beside_leakage_and_bars_work_from_the_keyboard()
    {
        var (context, page, _) = await OpenAsync(fx.Url);
        await using var _c = context;
        var over = fx.Money($"SELECT coalesce(sum(variance) FILTER (WHERE variance < 0), 0) FROM {Fact}");
        Assert.Equal(over, await page.GetAttributeAsync("#card-overstatement", "data-value"));
        Assert.Equal(Data.Money.Display(over), await page.TextContentAsync("#card-overstatement .card-value"));

        var bar = page.Locator("#chart-type .bar[data-key='amount_mismatch']");
        Assert.Equal("0", await bar.GetAttributeAsync("tabindex"));
        Assert.Contains("show these records", await bar.GetAttributeAsync("aria-label"));
        await bar.FocusAsync();
        await ReloadAsync(page, () => page.Keyboard.PressAsync("Enter"));
        Assert.Equal("amount_mismatch", await page.InputValueAsync("#f-anomaly"));
        Assert.Contains("anomaly=amount_mismatch", page.Url);
        // Sort headers and rows are reachable too.
        Assert.Equal("0", await page.GetAttributeAsync("#rows th[data-sort='billing_amount']", "tabindex"));
        Assert.Equal("0", await page.GetAttributeAsync("#rows tbody tr:first-child", "tabindex"));
    }

    /// <summary>WCAG contrast of an element's text colour against the nearest opaque background, from computed styles.</summary>
    private static Task<double> ContrastAsync(IPage page, string selector) => page.EvaluateAsync<double>(@"sel => {
        const e = document.querySelector(sel);
        const rgb = (s) => s.match(/[\d.]+/g).map(Number);
        let bg = e, c;
        while (bg) { c = rgb(getComputedStyle(bg).backgroundColor); if (c.length < 4 || c[3] > 0.99) break; bg = bg.parentElement; }
        const back = bg ? rgb(getComputedStyle(bg).backgroundColor) : [255, 255, 255];
        const fore = rgb(getComputedStyle(e).color);
        const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
        const a = lum(fore), b = lum(back);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }", selector);
}
