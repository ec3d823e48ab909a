using Microsoft.Playwright;
using Xunit;

namespace Ngdbt.Docs.Tests.Browser;

/// <summary>Exposures, metrics and semantic models in the browser: their pages, `exposure:`/`metric:` selectors in the
/// graph's focus box (dbt's `+exposure:name`), search, and a hostile url that never becomes a link.</summary>
public sealed class DeclaredResourcesBrowserTests(DeclaredSiteFixture site) : SitePageTests, IClassFixture<DeclaredSiteFixture>
{
    private async Task OpenAsync(string hash)
    {
        await Page.GotoAsync(new Uri(Path.Combine(site.OutputDir, "index.html")).AbsoluteUri + hash);
        await Page.WaitForFunctionAsync("() => document.body.dataset.ready === '1'");
    }

    private async Task<string> DetailAsync(string term)
        => (await Page.Locator($"dl.details dt:text-is('{term}') + dd").TextContentAsync()) ?? string.Empty;

    [SkippableBrowserFact]
    public async Task An_exposure_page_shows_owner_type_url_description_and_what_it_depends_on()
    {
        await OpenAsync("#!/node/" + Uri.EscapeDataString("exposure.shop.weekly_kpis"));
        await Page.WaitForSelectorAsync("#node-title:text('weekly_kpis')");
        Assert.Equal("exposure", await Page.TextContentAsync("h1 .badge"));
        Assert.Equal("Finance <Team> <finance@example.com>", await DetailAsync("Owner"));
        Assert.Equal("dashboard", await DetailAsync("Exposure type"));
        Assert.Equal("high", await DetailAsync("Maturity"));
        Assert.Equal("Weekly KPIs", await DetailAsync("Label"));
        Assert.Equal(DeclaredSiteFixture.DashboardUrl, await Page.GetAttributeAsync("a.exposure-url", "href"));
        Assert.Equal(DeclaredSiteFixture.DashboardUrl, await Page.TextContentAsync("a.exposure-url"));
        Assert.Equal("weekly", await Page.TextContentAsync(".md strong"));
        var dependsOn = await Page.Locator("section:has(h2:text-matches('^Depends on')) li a").AllTextContentsAsync();
        Assert.Equal(["fct_orders", "revenue"], dependsOn.Order(StringComparer.Ordinal));
        Assert.Empty(Errors);
    }

    [SkippableBrowserFact]
    public async Task A_non_http_url_is_shown_as_text_never_as_a_link()
    {
        await OpenAsync("#!/node/" + Uri.EscapeDataString("exposure.shop.hostile"));
        await Page.WaitForSelectorAsync("#node-title:text('hostile')");
        Assert.Equal(0, await Page.Locator("a.exposure-url").CountAsync());
        Assert.Equal(DeclaredSiteFixture.HostileUrl, await Page.TextContentAsync("span.exposure-url"));
        Assert.Equal(0, await Page.Locator("a[href^='javascript:']").CountAsync());
        Assert.Empty(Errors);
    }

    [SkippableBrowserFact]
    public async Task Exposure_and_metric_selectors_focus_the_graph_like_dbts()
    {
        await OpenAsync("#!/graph/" + Uri.EscapeDataString("+exposure:weekly_kpis"));
        await Page.WaitForFunctionAsync("() => window.ngdbtDocs.graphStats() !== null");
        Assert.Equal(5, await Page.EvaluateAsync<int>("() => window.ngdbtDocs.visibleCount()"));
        var upstream = await Page.EvaluateAsync<string[]>("() => window.ngdbtDocs.select('+exposure:weekly_kpis').ids");
        Assert.Equal(["exposure.shop.weekly_kpis", "metric.shop.revenue", "model.shop.fct_orders", "model.shop.stg_orders", "semantic_model.shop.orders"], upstream);
        Assert.Equal(["exposure.shop.weekly_kpis", "metric.shop.revenue"], await Page.EvaluateAsync<string[]>("() => window.ngdbtDocs.select('metric:revenue+').ids"));
        Assert.Equal(["exposure.shop.hostile", "exposure.shop.weekly_kpis"], await Page.EvaluateAsync<string[]>("() => window.ngdbtDocs.select('exposure:*').ids"));
        Assert.Equal(["semantic_model.shop.orders"], await Page.EvaluateAsync<string[]>("() => window.ngdbtDocs.select('semantic_model:orders').ids"));
        // The model named like nothing here is not picked up by the exposure method.
        Assert.NotEmpty(await Page.EvaluateAsync<string[]>("() => window.ngdbtDocs.select('exposure:unrelated').errors"));
        Assert.Empty(Errors);
    }

    [SkippableBrowserFact]
    public async Task Search_lists_an_exposure_and_opens_its_page()
    {
        await OpenAsync("");
        await Page.FillAsync("#search", "weekly");
        Assert.Equal("weekly_kpis", await Page.TextContentAsync("#search-results li:first-child b"));
        await Page.PressAsync("#search", "Enter");
        await Page.WaitForSelectorAsync("#node-title:text('weekly_kpis')");
        Assert.Empty(Errors);
    }
}
