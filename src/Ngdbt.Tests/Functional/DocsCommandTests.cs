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

public sealed class DocsFileSourceLineageTests
{
    [Fact]
    public void Column_lineage_of_a_staging_model_reaches_the_file_source_columns()
    {
        using var p = new Ngdbt.Tests.Support.TestProject(new Dictionary<string, string>
        {
            ["data/charges.csv"] = "id,amount\nch_1,12.5000\n",
            ["models/sources.yml"] = "sources:\n  - name: stripe\n    tables:\n      - name: charges\n        meta:\n          external_location: \"data/charges.csv\"\n          format: csv\n        columns:\n          - {name: id, data_type: VARCHAR}\n          - {name: amount, data_type: DOUBLE}\n",
            ["models/stg_charges.sql"] = "select id as stripe_id, cast(amount as decimal(19,4)) as billing_amount from {{ source('stripe', 'charges') }}\n",
        });
        var (runExit, runOutput) = p.Run("run");
        Assert.True(runExit == 0, runOutput);
        var (exit, output) = p.Run("docs", "generate");
        Assert.True(exit == 0, output);
        var lineage = p.Read("target/docs-site/data/lineage.js");
        var graph = p.Read("target/docs-site/data/graph.js");
        var ids = System.Text.Json.JsonDocument.Parse(graph[(graph.IndexOf('=') + 1)..].TrimEnd().TrimEnd(';')).RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetString()).ToList();
        var source = ids.IndexOf("source.proj.stripe.charges");
        Assert.True(source >= 0);
        var doc = System.Text.Json.JsonDocument.Parse(lineage[(lineage.IndexOf('=') + 1)..].TrimEnd().TrimEnd(';')).RootElement;
        var stg = doc.GetProperty(ids.IndexOf("model.proj.stg_charges").ToString(System.Globalization.CultureInfo.InvariantCulture));
        var manifest = System.Text.Json.JsonDocument.Parse(p.Read("target/manifest.json")).RootElement;
        var why = manifest.GetProperty("sources").GetProperty("source.proj.stripe.charges").GetProperty("relation_name").GetString() + " | "
            + manifest.GetProperty("nodes").GetProperty("model.proj.stg_charges").GetProperty("compiled_code").GetString();
        Assert.True(stg.GetProperty("billing_amount").GetRawText().Replace(" ", "", StringComparison.Ordinal).Contains($"[{source},\"amount\"]", StringComparison.Ordinal), why);
    }
}
