using System.Text.Json;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

public sealed class DocsCommandTests
{
    [Fact]
    public void Docs_generate_writes_catalog_from_the_warehouse_and_a_static_site()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/stg.sql"] = "{{ config(materialized: 'table') }}\nselect 1 as id, 2.5::DECIMAL(19,4) as amount\n",
            ["models/fct.sql"] = "select id, amount * 2 as doubled_amount from {{ ref('stg') }}\n",
            ["models/schema.yml"] = "models:\n  - name: fct\n    description: \"<script>alert(1)</script> **bold**\"\n",
        });
        Assert.Equal(0, p.Run("run").Exit);
        var (exit, output) = p.Run("docs", "generate");
        Assert.True(exit == 0, output);
        using var catalog = JsonDocument.Parse(p.Read("target/catalog.json"));
        var stg = catalog.RootElement.GetProperty("nodes").GetProperty("model.proj.stg");
        Assert.Equal("DECIMAL(19,4)", stg.GetProperty("columns").GetProperty("amount").GetProperty("type").GetString());
        Assert.Equal(1, stg.GetProperty("stats").GetProperty("row_count").GetProperty("value").GetInt64());
        Assert.Equal("VIEW", catalog.RootElement.GetProperty("nodes").GetProperty("model.proj.fct").GetProperty("metadata").GetProperty("type").GetString());
        Assert.True(File.Exists(Path.Combine(p.Root, "target/docs-site/index.html")));
        var site = string.Concat(Directory.EnumerateFiles(Path.Combine(p.Root, "target/docs-site/data"), "*.js", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain("<script>alert(1)</script>", site, StringComparison.Ordinal);
        Assert.Contains("doubled_amount", site, StringComparison.Ordinal);

        Assert.Contains("0 models analysed, 2 unchanged ones reused", p.Run("docs", "generate").Output, StringComparison.Ordinal);
        Assert.Contains("2 models analysed, 0 unchanged ones reused", p.Run("docs", "generate", "--no-lineage-cache").Output, StringComparison.Ordinal);
    }
}
