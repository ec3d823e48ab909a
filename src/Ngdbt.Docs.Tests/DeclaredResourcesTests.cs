using System.Text.Json;
using Xunit;

namespace Ngdbt.Docs.Tests;

/// <summary>Exposures, metrics and semantic models are graph nodes of their own kinds, downstream of what they depend
/// on, with pages (owner, type, url, label) and search entries.</summary>
public sealed class DeclaredResourcesTests(DeclaredSiteFixture site) : IClassFixture<DeclaredSiteFixture>
{
    private JsonElement Graph()
    {
        var text = site.Read("data/graph.js");
        return JsonDocument.Parse(text["window.NGDBT_GRAPH=".Length..text.LastIndexOf(';')]).RootElement;
    }

    [Fact]
    public void They_are_drawn_as_their_own_kinds_downstream_of_their_dependencies()
    {
        Assert.True(site.Result.Success, string.Join("\n", site.Result.Diagnostics));
        var g = Graph();
        var ids = g.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        var types = g.GetProperty("types").EnumerateArray().Select(e => e.GetString()!).ToList();
        var x = g.GetProperty("x").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (double?)null : e.GetDouble()).ToList();
        var edges = g.GetProperty("edges").EnumerateArray().Select(e => e.GetInt32()).Chunk(2).Select(p => (ids[p[0]], ids[p[1]])).ToHashSet();
        int At(string id) => ids.IndexOf(id);
        Assert.Equal("exposure", types[At("exposure.shop.weekly_kpis")]);
        Assert.Equal("metric", types[At("metric.shop.revenue")]);
        Assert.Equal("semantic_model", types[At("semantic_model.shop.orders")]);
        Assert.Contains(("model.shop.fct_orders", "semantic_model.shop.orders"), edges);
        Assert.Contains(("semantic_model.shop.orders", "metric.shop.revenue"), edges);
        Assert.Contains(("metric.shop.revenue", "exposure.shop.weekly_kpis"), edges);
        Assert.Contains(("model.shop.fct_orders", "exposure.shop.weekly_kpis"), edges);
        // Laid out in layers: each is to the right of what it depends on.
        Assert.True(x[At("semantic_model.shop.orders")] > x[At("model.shop.fct_orders")]);
        Assert.True(x[At("metric.shop.revenue")] > x[At("semantic_model.shop.orders")]);
        Assert.True(x[At("exposure.shop.weekly_kpis")] > x[At("metric.shop.revenue")]);
    }

    [Fact]
    public void Their_pages_carry_owner_type_url_and_label_escaped()
    {
        var shard = site.Read("data/nodes/0.js");
        Assert.Contains("\"ownerName\":\"Finance \\u003CTeam\\u003E\"", shard, StringComparison.Ordinal);
        Assert.Contains("\"exposureType\":\"dashboard\"", shard, StringComparison.Ordinal);
        Assert.Contains("\"maturity\":\"high\"", shard, StringComparison.Ordinal);
        Assert.Contains("\"label\":\"Revenue\"", shard, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"https://bi.example.com/d/42?from=\\u003Cnow\\u003E\\u0026tab=\\u0022kpis\\u0022\"", shard, StringComparison.Ordinal);
        Assert.DoesNotContain("<now>", shard, StringComparison.Ordinal);
        Assert.DoesNotContain("<Team>", shard, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_finds_them_by_name()
    {
        var search = site.Read("data/search.js");
        Assert.Contains("weekly_kpis", search, StringComparison.Ordinal);
        Assert.Contains("revenue", search, StringComparison.Ordinal);
    }
}
