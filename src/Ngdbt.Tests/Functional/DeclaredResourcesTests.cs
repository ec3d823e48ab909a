using System.Text.Json;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Exposures, metrics and semantic models of schema YAML go into manifest.json with their dependencies
/// resolved (valid against dbt's manifest v12 schema) and into the docs lineage; a dependency that names nothing is
/// warning NG0122.</summary>
public sealed class DeclaredResourcesTests
{
    private const string Schema = """
        version: 2
        semantic_models:
          - name: orders
            description: Orders, as a semantic model
            model: ref('fct_orders')
            measures:
              - name: order_total
                agg: sum
        metrics:
          - name: revenue
            label: Revenue
            type: simple
            type_params:
              measure: order_total
          - name: revenue_per_order
            label: Revenue per order
            type: ratio
            type_params:
              numerator: revenue
              denominator: {name: order_count}
        exposures:
          - name: weekly_kpis
            type: dashboard
            maturity: high
            url: "https://bi.example.com/d/42?tab=<kpis>"
            description: The weekly KPI board
            owner: {name: Finance, email: finance@example.com}
            depends_on:
              - ref('fct_orders')
              - source('raw', 'orders')
              - metric('revenue')
              - ref('no_such_model')
        """;

    private static TestProject NewProject() => new(new Dictionary<string, string>
    {
        ["dbt_project.yml"] = "name: shop\nprofile: test\nconfig-version: 2\n",
        ["models/sources.yml"] = "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n",
        ["models/stg_orders.sql"] = "select 1 as id, cast(10 as decimal(19,4)) as amount\n",
        ["models/fct_orders.sql"] = "select * from {{ ref('stg_orders') }}\n",
        ["models/schema.yml"] = Schema,
    });

    [Fact]
    public void Manifest_json_carries_them_with_resolved_dependencies_valid_against_dbts_schema()
    {
        using var p = NewProject();
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.Matches(@"models[/\\]schema\.yml\(\d+,5\): warning NG0122: exposure 'weekly_kpis' depends on ref\('no_such_model'\), which names no model", output);
        Assert.Matches(@"warning NG0122: metric 'revenue_per_order' uses metric 'order_count', which is not declared", output);
        var errors = DbtSchemas.Errors(DbtSchemas.Manifest, Path.Combine(p.Root, "target/manifest.json"));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));

        using var manifest = JsonDocument.Parse(p.Read("target/manifest.json"));
        var root = manifest.RootElement;
        string[] DependsOn(string section, string id) => [.. root.GetProperty(section).GetProperty(id).GetProperty("depends_on").GetProperty("nodes").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal(["metric.shop.revenue", "model.shop.fct_orders", "source.shop.raw.orders"], DependsOn("exposures", "exposure.shop.weekly_kpis"));
        Assert.Equal(["semantic_model.shop.orders"], DependsOn("metrics", "metric.shop.revenue"));
        Assert.Equal(["metric.shop.revenue"], DependsOn("metrics", "metric.shop.revenue_per_order"));
        Assert.Equal(["model.shop.fct_orders"], DependsOn("semantic_models", "semantic_model.shop.orders"));
        var exposure = root.GetProperty("exposures").GetProperty("exposure.shop.weekly_kpis");
        Assert.Equal("finance@example.com", exposure.GetProperty("owner").GetProperty("email").GetString());
        Assert.Equal("https://bi.example.com/d/42?tab=<kpis>", exposure.GetProperty("url").GetString());
        Assert.Equal("fct_orders", root.GetProperty("semantic_models").GetProperty("semantic_model.shop.orders").GetProperty("node_relation").GetProperty("alias").GetString());

        // A second compile (partial parsing on) still has them.
        (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.Contains("warning NG0122", output, StringComparison.Ordinal);
        using var again = JsonDocument.Parse(p.Read("target/manifest.json"));
        Assert.True(again.RootElement.GetProperty("exposures").TryGetProperty("exposure.shop.weekly_kpis", out _));
    }

    [Fact]
    public void Docs_generate_draws_them_downstream_of_their_models()
    {
        using var p = NewProject();
        var (exit, output) = p.Run("docs", "generate");
        Assert.True(exit == 0, output);
        var text = p.Read("target/docs-site/data/graph.js");
        using var graph = JsonDocument.Parse(text["window.NGDBT_GRAPH=".Length..text.LastIndexOf(';')]);
        var ids = graph.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();
        var types = graph.RootElement.GetProperty("types").EnumerateArray().Select(e => e.GetString()!).ToList();
        var edges = graph.RootElement.GetProperty("edges").EnumerateArray().Select(e => e.GetInt32()).Chunk(2).Select(e => (ids[e[0]], ids[e[1]])).ToHashSet();
        Assert.Equal("exposure", types[ids.IndexOf("exposure.shop.weekly_kpis")]);
        Assert.Equal("metric", types[ids.IndexOf("metric.shop.revenue")]);
        Assert.Equal("semantic_model", types[ids.IndexOf("semantic_model.shop.orders")]);
        Assert.Contains(("model.shop.fct_orders", "exposure.shop.weekly_kpis"), edges);
        Assert.Contains(("source.shop.raw.orders", "exposure.shop.weekly_kpis"), edges);
        Assert.Contains(("metric.shop.revenue", "exposure.shop.weekly_kpis"), edges);
        Assert.Contains(("semantic_model.shop.orders", "metric.shop.revenue"), edges);
        Assert.Contains(("model.shop.fct_orders", "semantic_model.shop.orders"), edges);
    }
}
