using Microsoft.Playwright;
using Xunit;

namespace Ngdbt.Docs.Tests.Browser;

/// <summary>The generated fixture site in real headless Chromium, opened from file:// (no server).</summary>
public sealed class BrowserTests(SiteFixture site) : SitePageTests, IClassFixture<SiteFixture>
{
    private static string ScreenshotDir => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private async Task OpenAsync(string hash)
    {
        var url = new Uri(Path.Combine(site.OutputDir, "index.html")).AbsoluteUri + hash;
        await Page.GotoAsync(url);
        await Page.WaitForFunctionAsync("() => document.body.dataset.ready === '1'");
    }

    private Task ShotAsync(string name) => Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    [SkippableBrowserFact]
    public async Task Index_loads_with_overview_and_tree()
    {
        await OpenAsync("");
        Assert.Equal("recon", await Page.TextContentAsync("#project-name"));
        Assert.Contains("models", await Page.TextContentAsync(".cards") ?? "");
        await ShotAsync("overview");
        Assert.Empty(Errors);
    }

    [SkippableBrowserFact]
    public async Task Search_finds_a_model_by_column_name()
    {
        await OpenAsync("");
        await Page.FillAsync("#search", "credit_usd");
        var first = await Page.TextContentAsync("#search-results li:first-child b");
        Assert.Equal("stg_netsuite", first);
        await ShotAsync("search");
        await Page.PressAsync("#search", "Enter");
        await Page.WaitForSelectorAsync("#node-title:text('stg_netsuite')");
    }

    [SkippableBrowserFact]
    public async Task Search_ranks_models_above_tests_tolerates_a_typo_and_moves_with_arrow_keys()
    {
        await OpenAsync("#!/graph");
        // "stripe" hits the test not_null_stg_stripe_amount by name as well as the models and the source.
        await Page.FillAsync("#search", "stripe");
        var types = await Page.EvaluateAsync<string[]>("() => window.ngdbtDocs.search('stripe').map(r => r.node).map(i => window.NGDBT_GRAPH.types[i])");
        Assert.Contains("test", types);
        var firstTest = Array.IndexOf(types, "test");
        Assert.All(types.Skip(firstTest), t => Assert.Equal("test", t)); // nothing but tests after the first test
        Assert.True(firstTest >= 2, string.Join(",", types));
        await Page.FillAsync("#search", "recon");
        Assert.Equal("fct_reconciliation", await Page.TextContentAsync("#search-results li:first-child b"));

        await Page.FillAsync("#search", "reconcilation"); // missing letter
        Assert.Equal("fct_reconciliation", await Page.TextContentAsync("#search-results li:first-child b"));

        await Page.FillAsync("#search", "stg");
        Assert.Equal("true", await Page.GetAttributeAsync("#search-results li:nth-child(1)", "aria-selected"));
        await Page.PressAsync("#search", "ArrowDown");
        Assert.Equal("true", await Page.GetAttributeAsync("#search-results li:nth-child(2)", "aria-selected"));
        var second = await Page.TextContentAsync("#search-results li:nth-child(2) b");
        await Page.PressAsync("#search", "ArrowUp");
        await Page.PressAsync("#search", "ArrowDown");
        await Page.PressAsync("#search", "Enter");
        await Page.WaitForSelectorAsync($"#node-title:text('{second}')");

        await Page.FillAsync("#search", "stg");
        Assert.True(await Page.IsVisibleAsync("#search-results"));
        await Page.Mouse.ClickAsync(900, 600); // outside: the page body
        Assert.False(await Page.IsVisibleAsync("#search-results"));
    }

    [SkippableBrowserFact]
    public async Task Clicking_a_graph_node_opens_its_page()
    {
        await OpenAsync("#!/graph");
        Assert.Equal("7", await Page.GetAttributeAsync("#graph-count", "data-count"));
        await ShotAsync("graph");
        var pos = await Page.EvaluateAsync<float[]>("() => { const p = window.ngdbtDocs.screenPosition('model.recon.fct_reconciliation'); return [p.x, p.y]; }");
        await Page.Mouse.ClickAsync(pos[0], pos[1]);
        await Page.WaitForSelectorAsync("#node-title:text('fct_reconciliation')");
        Assert.Contains("#!/node/model.recon.fct_reconciliation", Page.Url);
        var compiled = await Page.TextContentAsync("pre.code .hljs-keyword");
        Assert.False(string.IsNullOrEmpty(compiled));
        await ShotAsync("model-page");
    }

    [SkippableBrowserFact]
    public async Task Graph_at_1440_px_draws_every_label_and_arrowhead_at_the_default_zoom_with_AA_contrast()
    {
        await Page.SetViewportSizeAsync(1440, 900);
        await OpenAsync("#!/graph");
        await Page.WaitForFunctionAsync("() => window.ngdbtDocs.graphStats() !== null");
        var stats = await Page.EvaluateAsync<System.Text.Json.JsonElement>("() => window.ngdbtDocs.graphStats()");
        var visible = stats.GetProperty("visible").GetInt32();
        Assert.Equal(7, visible);
        Assert.Equal(visible, stats.GetProperty("labels").GetInt32());
        Assert.True(stats.GetProperty("zoom").GetDouble() >= 0.6, "labels are at least 7 px tall");
        var edges = stats.GetProperty("edgesInView").GetInt32();
        Assert.True(edges > 0);
        Assert.Equal(edges, stats.GetProperty("arrowheads").GetInt32());
        // Contrast of the label ink against every node fill actually used (the page's own colours).
        var ink = stats.GetProperty("ink").GetString()!;
        foreach (var fill in stats.GetProperty("fills").EnumerateArray())
        {
            var ratio = Contrast(ink, fill.GetString()!);
            Assert.True(ratio >= 4.5, $"label {ink} on {fill} is {ratio:0.00}:1");
        }

        await ShotAsync("graph-1440");
    }

    [SkippableBrowserFact]
    public async Task Graph_at_390_px_has_no_sideways_overflow_and_keeps_labels()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await OpenAsync("#!/graph");
        await Page.WaitForFunctionAsync("() => window.ngdbtDocs.graphStats() !== null");
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the window");
        Assert.True(await Page.EvaluateAsync<int>("() => window.ngdbtDocs.graphStats().labels") > 0);
        await ShotAsync("graph-390");
    }

    [SkippableBrowserFact]
    public async Task Graph_has_zoom_controls_a_refocus_action_and_keyboard_navigation()
    {
        await OpenAsync("#!/graph");
        await Page.WaitForFunctionAsync("() => window.ngdbtDocs.graphStats() !== null");
        var k0 = await Page.EvaluateAsync<double>("() => window.ngdbtDocs.graphStats().zoom");
        await Page.ClickAsync("#zoom-in");
        await Page.WaitForFunctionAsync("k => window.ngdbtDocs.graphStats().zoom > k * 1.2", k0);
        await Page.ClickAsync("#zoom-fit");
        await Page.WaitForFunctionAsync("k => Math.abs(window.ngdbtDocs.graphStats().zoom - k) < 1e-6", k0);

        // Right-click = refocus on the node's whole lineage.
        var pos = await Page.EvaluateAsync<float[]>("() => { const p = window.ngdbtDocs.screenPosition('model.recon.stg_stripe'); return [p.x, p.y]; }");
        await Page.Mouse.ClickAsync(pos[0], pos[1], new MouseClickOptions { Button = MouseButton.Right });
        await Page.WaitForFunctionAsync("() => document.getElementById('graph-count').dataset.count === '4'");
        Assert.Contains("#!/graph/%2Bstg_stripe%2B", Page.Url);

        // Keyboard: Tab-reachable canvas, arrows move a cursor (announced), Enter opens the node.
        await Page.FocusAsync("#graph");
        Assert.Equal("0", await Page.GetAttributeAsync("#graph", "tabindex"));
        await Page.Keyboard.PressAsync("ArrowRight");
        await Page.WaitForFunctionAsync("() => window.ngdbtDocs.graphStats().cursor !== null");
        var first = await Page.EvaluateAsync<string>("() => window.ngdbtDocs.graphStats().cursor");
        await Page.Keyboard.PressAsync("ArrowRight");
        await Page.WaitForFunctionAsync("c => window.ngdbtDocs.graphStats().cursor !== c", first);
        var cursor = await Page.EvaluateAsync<string>("() => window.ngdbtDocs.graphStats().cursor");
        Assert.StartsWith(cursor.Split('.').Last() + ",", await Page.TextContentAsync("#graph-live"));
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForFunctionAsync("id => location.hash.includes(encodeURIComponent(id)) || location.hash.includes(id)", cursor);
    }

    [SkippableBrowserFact]
    public async Task Dark_mode_follows_the_system_and_the_toggle()
    {
        await Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await OpenAsync("#!/graph");
        Assert.Equal("dark", await Page.GetAttributeAsync("html", "data-theme"));
        await Page.WaitForFunctionAsync("() => window.ngdbtDocs.graphStats() !== null");
        Assert.Equal("#0b1220", await Page.EvaluateAsync<string>("() => window.ngdbtDocs.graphStats().background"));
        var colors = await Page.EvaluateAsync<string[]>("() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor, getComputedStyle(document.getElementById('graph-count')).color, getComputedStyle(document.getElementById('graph-toolbar')).backgroundColor]");
        Assert.True(Contrast(Hex(colors[0]), Hex(colors[1])) >= 4.5, $"{colors[0]} on {colors[1]}");
        Assert.True(Contrast(Hex(colors[2]), Hex(colors[3])) >= 4.5, $"{colors[2]} on {colors[3]}");
        await ShotAsync("graph-dark");
        await Page.ClickAsync("#theme");
        Assert.Equal("light", await Page.GetAttributeAsync("html", "data-theme"));
    }

    private static string Hex(string rgb)
    {
        var n = System.Text.RegularExpressions.Regex.Matches(rgb, @"\d+").Take(3).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return $"#{n[0]:x2}{n[1]:x2}{n[2]:x2}";
    }

    [SkippableBrowserFact]
    public async Task Mini_map_shows_the_viewport_and_moves_it()
    {
        await OpenAsync("#!/graph");
        await Page.WaitForFunctionAsync("() => window.ngdbtDocs.graphStats()?.minimap != null");
        Assert.True(await Page.IsVisibleAsync("#minimap"));
        await Page.ClickAsync("#zoom-in");
        await Page.ClickAsync("#zoom-in");
        var before = await Page.EvaluateAsync<int[]>("() => window.ngdbtDocs.graphStats().minimap");
        var box = await Page.Locator("#minimap").BoundingBoxAsync();
        await Page.Mouse.ClickAsync(box!.X + 8, box.Y + box.Height / 2); // far left of the map
        await Page.WaitForFunctionAsync("b => window.ngdbtDocs.graphStats().minimap[0] < b[0] - 5", before);
    }

    [SkippableBrowserFact]
    public async Task Every_model_page_has_a_small_lineage_panel()
    {
        await OpenAsync("#!/node/model.recon.fct_reconciliation");
        var upstream = await Page.Locator(".lineage-panel .lp-col").First.Locator("a").AllTextContentsAsync();
        Assert.Equal(["stg_netsuite", "stg_stripe"], upstream.Order(StringComparer.Ordinal));
        Assert.Equal("fct_reconciliation", await Page.TextContentAsync(".lineage-panel .lp-node.self"));
        await Page.ClickAsync(".lineage-panel a:text('stg_stripe')");
        await Page.WaitForSelectorAsync("#node-title:text('stg_stripe')");
        Assert.Contains("xss_model", await Page.TextContentAsync(".lineage-panel") ?? "");
    }

    [SkippableBrowserFact]
    public async Task Hovering_a_node_highlights_its_whole_path()
    {
        await OpenAsync("#!/graph");
        var pos = await Page.EvaluateAsync<float[]>("() => { const p = window.ngdbtDocs.screenPosition('model.recon.fct_reconciliation'); return [p.x, p.y]; }");
        await Page.Mouse.MoveAsync(pos[0], pos[1]);
        try { await Page.WaitForFunctionAsync("() => window.ngdbtDocs.graphStats().hoverEdges > 0", null, new PageWaitForFunctionOptions { Timeout = 3000 }); }
        catch (TimeoutException) { Assert.Fail(await Page.EvaluateAsync<string>("(p) => JSON.stringify([p, window.ngdbtDocs.graphStats(), document.elementFromPoint(p[0], p[1])?.id])", pos)); }
        var lit = await Page.EvaluateAsync<int>("() => window.ngdbtDocs.graphStats().hoverEdges");
        Assert.True(lit >= 2, $"{lit} edges lit");
        await ShotAsync("graph-hover");
        await Page.Mouse.MoveAsync(2, 300);
        await Page.WaitForFunctionAsync("() => window.ngdbtDocs.graphStats().hoverEdges === 0");
    }

    private static double Contrast(string a, string b)
    {
        static double Lum(string hex)
        {
            var n = Convert.ToInt32(hex.TrimStart('#'), 16);
            static double F(int c) { var v = c / 255.0; return v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4); }
            return 0.2126 * F((n >> 16) & 255) + 0.7152 * F((n >> 8) & 255) + 0.0722 * F(n & 255);
        }

        var (x, y) = (Lum(a), Lum(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
    }

    [SkippableBrowserFact]
    public async Task Focus_mode_narrows_the_graph()
    {
        await OpenAsync("#!/graph");
        Assert.Equal("7", await Page.GetAttributeAsync("#graph-count", "data-count"));
        await Page.FillAsync("#selector", "+stg_netsuite");
        await Page.ClickAsync("#focus-apply");
        await Page.WaitForFunctionAsync("() => document.getElementById('graph-count').dataset.count === '2'");
        await ShotAsync("focus");
        await Page.FillAsync("#selector", "1+fct_reconciliation");
        await Page.PressAsync("#selector", "Enter");
        await Page.WaitForFunctionAsync("() => document.getElementById('graph-count').dataset.count === '3'");
    }

    [SkippableBrowserFact]
    public async Task Column_lineage_of_variance_points_to_both_staging_amounts()
    {
        await OpenAsync("#!/node/model.recon.fct_reconciliation/variance");
        var cell = await Page.TextContentAsync("tr[data-column='variance'] td.lineage");
        Assert.Contains("stg_stripe.amount", cell);
        Assert.Contains("stg_netsuite.credit_usd", cell);
        // The join keys are listed apart: they decide which rows meet, not the value.
        var values = await Page.TextContentAsync("tr[data-column='variance'] .lineage-values") ?? "";
        var joinedBy = await Page.TextContentAsync("tr[data-column='variance'] .lineage-filters") ?? "";
        Assert.StartsWith("value comes from", values);
        Assert.DoesNotContain("order_id", values);
        Assert.StartsWith("filtered / joined by", joinedBy);
        Assert.Contains("stg_stripe.order_id", joinedBy);
        Assert.Contains("stg_netsuite.order_id", joinedBy);
        Assert.DoesNotContain("amount", joinedBy);
        await Page.ClickAsync("tr[data-column='variance'] button:text('trace to sources')");
        await Page.WaitForSelectorAsync("tr[data-column='variance'] .tracelist :text('stripe_payments.amount_cents')");
        await ShotAsync("column-lineage");
        await Page.ClickAsync("tr[data-column='variance'] a:text('show in graph')");
        await Page.WaitForFunctionAsync("() => document.getElementById('graph-count').dataset.count === '5'");
        Assert.Contains("stg_netsuite.credit_usd", await Page.TextContentAsync("#graph-panel"));
        await ShotAsync("column-lineage-graph");
    }

    [SkippableBrowserFact]
    public async Task Xss_payloads_render_as_text()
    {
        await OpenAsync("#!/node/model.recon.xss_model");
        var title = await Page.TextContentAsync("#node-title");
        Assert.Equal("xss_model", title);
        var body = await Page.TextContentAsync(".page");
        Assert.Contains("<script>window.__xss=1</script>", body);
        Assert.Contains("\"><img src=x onerror=window.__xss=4>", body);
        Assert.Equal(0, await Page.Locator(".page img").CountAsync());
        Assert.Equal(0, await Page.Locator(".page script").CountAsync());
        Assert.Equal(0, await Page.Locator("a[href^='javascript']").CountAsync());
        await Page.FillAsync("#search", "onerror");
        await ShotAsync("xss");
        Assert.Null(await Page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        Assert.Empty(Errors);
    }
}

public sealed class SkippableBrowserFactAttribute : FactAttribute
{
    public SkippableBrowserFactAttribute()
    {
        if (!BrowserFixture.Available) Skip = $"{BrowserFixture.ChromiumPath} not installed (apt-get install chromium); browser tests skipped";
    }
}
