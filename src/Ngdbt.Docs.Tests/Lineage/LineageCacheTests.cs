using System.Text.Json;
using Ngdbt.Docs.Artifacts;
using Xunit;

namespace Ngdbt.Docs.Tests.Lineage;

/// <summary>Unchanged models' lineage is reused between runs, and only while everything it was derived from holds.</summary>
public sealed class LineageCacheTests(LineageFixture fixture) : IClassFixture<LineageFixture>, IDisposable
{
    private readonly string _target = Path.Combine(Path.GetTempPath(), "ngdbt-lineage-cache-" + Guid.NewGuid().ToString("N"));

    private static DocNode Relation(string id, string type, string name, string relation, params string[] columns) =>
        new(id, type, name, "demo", $"models/{name}.sql", "main", relation, "", columns.Select(c => new DocColumn(c, "", null, [])).ToList(),
            "{}", null, [], [], null, null);

    private static DocNode Model(string name, string sql, params string[] dependsOn) =>
        new($"model.demo.{name}", "model", name, "demo", $"models/{name}.sql", "main", $"\"main\".\"{name}\"", "", [],
            "{}", "view", [], dependsOn, sql, sql);

    /// <summary>A source and a model reading two of its columns.</summary>
    private static (DocNode Charges, DocNode Staging) ChargesAndStaging()
    {
        var charges = Relation("source.demo.raw.charges", "source", "charges", "\"raw\".\"charges\"", "id", "amount");
        return (charges, Model("stg", "select id, amount from \"raw\".\"charges\"", charges.UniqueId));
    }

    private (string Message, Dictionary<string, Dictionary<string, string[]>> Lineage) Generate(params DocNode[] nodes) => Generate(fixture.Provider, nodes);

    private (string Message, Dictionary<string, Dictionary<string, string[]>> Lineage) Generate(ISqlParseTreeProvider parser, params DocNode[] nodes)
    {
        var result = DocsSiteGenerator.Generate(new DocsOptions { TargetDir = _target }, new DocsManifest("demo", "", "test", nodes), parser);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var ids = nodes.Select(n => n.UniqueId).Order(StringComparer.Ordinal).ToList();
        var text = File.ReadAllText(Path.Combine(_target, "docs-site", "data", "lineage.js"));
        using var doc = JsonDocument.Parse(text["window.NGDBT_LINEAGE=".Length..].TrimEnd('\n', ';'));
        var lineage = doc.RootElement.EnumerateObject().ToDictionary(
            node => ids[int.Parse(node.Name, System.Globalization.CultureInfo.InvariantCulture)],
            node => node.Value.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.EnumerateArray().Select(o => $"{ids[o[0].GetInt32()]}.{o[1].GetString()}{(o.GetArrayLength() > 2 ? " (filter)" : "")}").ToArray()));
        return (result.Diagnostics.Single(d => d.Code == "DOCS103").Message, lineage);
    }

    [Fact]
    public void Second_run_reuses_every_unchanged_model_with_the_same_result()
    {
        DocNode[] nodes =
        [
            Relation("source.demo.raw.charges", "source", "charges", "\"raw\".\"charges\"", "id", "amount"),
            Model("stg", "select id, amount * 2 as doubled from \"raw\".\"charges\"", "source.demo.raw.charges"),
        ];
        var first = Generate(nodes);
        var second = Generate(nodes);
        Assert.StartsWith("column lineage: 1 models analysed, 0 unchanged", first.Message);
        Assert.StartsWith("column lineage: 0 models analysed, 1 unchanged", second.Message);
        Assert.Equal(["source.demo.raw.charges.amount"], second.Lineage["model.demo.stg"]["doubled"]);
        Assert.Equal(JsonSerializer.Serialize(first.Lineage), JsonSerializer.Serialize(second.Lineage));
    }

    [Fact]
    public void Filters_come_back_from_the_cache_apart_from_values()
    {
        DocNode[] nodes =
        [
            Relation("source.demo.raw.charges", "source", "charges", "\"raw\".\"charges\"", "id", "amount", "status"),
            Model("stg", "select id, amount from \"raw\".\"charges\" where status = 'paid'", "source.demo.raw.charges"),
        ];
        var first = Generate(nodes);
        var second = Generate(nodes);
        Assert.StartsWith("column lineage: 0 models analysed, 1 unchanged", second.Message);
        Assert.Equal(["source.demo.raw.charges.amount", "source.demo.raw.charges.status (filter)"], second.Lineage["model.demo.stg"]["amount"]);
        Assert.Equal(JsonSerializer.Serialize(first.Lineage), JsonSerializer.Serialize(second.Lineage));
    }

    [Fact]
    public void A_model_is_analysed_again_when_its_sql_or_an_upstream_relations_columns_change()
    {
        var charges = Relation("source.demo.raw.charges", "source", "charges", "\"raw\".\"charges\"", "id", "amount");
        var fx = Relation("source.demo.raw.fx", "source", "fx", "\"raw\".\"fx\"", "currency", "rate");
        var star = Model("stg", "select * from \"raw\".\"charges\"", charges.UniqueId);
        var rates = Model("rates", "select currency, rate from \"raw\".\"fx\"", fx.UniqueId);
        Generate(charges, fx, star, rates);

        var widened = Relation("source.demo.raw.charges", "source", "charges", "\"raw\".\"charges\"", "id", "amount", "fee");
        var after = Generate(widened, fx, star, rates);
        Assert.StartsWith("column lineage: 1 models analysed, 1 unchanged", after.Message);
        Assert.Equal(["source.demo.raw.charges.fee"], after.Lineage["model.demo.stg"]["fee"]);

        var edited = Model("rates", "select currency, rate * 2 as rate2 from \"raw\".\"fx\"", fx.UniqueId);
        var third = Generate(widened, fx, star, edited);
        Assert.StartsWith("column lineage: 1 models analysed, 1 unchanged", third.Message);
        Assert.Equal(["source.demo.raw.fx.rate"], third.Lineage["model.demo.rates"]["rate2"]);
    }

    [Fact]
    public void A_new_relation_or_an_unreadable_cache_means_a_full_analysis()
    {
        var (charges, stg) = ChargesAndStaging();
        var other = Model("other", "select 1 as one");
        Generate(charges, stg);
        Assert.StartsWith("column lineage: 2 models analysed, 0 unchanged", Generate(charges, stg, other).Message);

        File.WriteAllText(Path.Combine(_target, "docs-lineage-cache.json"), "{ not json");
        var afterCorruption = Generate(charges, stg, other);
        Assert.StartsWith("column lineage: 2 models analysed, 0 unchanged", afterCorruption.Message);
        Assert.Equal(["source.demo.raw.charges.amount"], afterCorruption.Lineage["model.demo.stg"]["amount"]);
        Assert.StartsWith("column lineage: 0 models analysed, 2 unchanged", Generate(charges, stg, other).Message);
    }

    [Fact]
    public void A_change_upstream_of_an_inlined_ephemeral_model_is_seen()
    {
        // m reads eph, an ephemeral model inlined as a CTE; eph reads plans. m's own dependency (eph) has no columns of
        // its own to compare, so only what m's SQL resolved to (plans, inside the CTE) can tell that plans changed.
        var eph = new DocNode("model.demo.eph", "model", "eph", "demo", "models/eph.sql", "main", null, "", [], "{}", "ephemeral", [],
            ["source.demo.raw.plans"], "select * from raw.plans", null);
        var m = Model("m", "with __ngdbt__cte__eph as (select * from \"raw\".\"plans\") select * from __ngdbt__cte__eph", eph.UniqueId);
        Generate(Relation("source.demo.raw.plans", "source", "plans", "\"raw\".\"plans\"", "id", "price"), eph, m);

        var after = Generate(Relation("source.demo.raw.plans", "source", "plans", "\"raw\".\"plans\"", "id", "price", "fee"), eph, m);
        Assert.StartsWith("column lineage: 1 models analysed, 0 unchanged", after.Message);
        Assert.Equal(["model.demo.eph.fee"], after.Lineage["model.demo.m"]["fee"]);
    }

    [Theory]
    [InlineData("{\"context\":\"x\",\"relations\":{},\"entries\":{}}")]
    [InlineData("{\"context\":null,\"relations\":[],\"entries\":7}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public void Any_unreadable_cache_file_means_a_fresh_analysis(string content)
    {
        var (charges, stg) = ChargesAndStaging();
        Generate(charges, stg);
        Directory.CreateDirectory(_target);
        File.WriteAllText(Path.Combine(_target, "docs-lineage-cache.json"), content);
        Assert.StartsWith("column lineage: 1 models analysed, 0 unchanged", Generate(charges, stg).Message);
    }

    [Fact]
    public void A_valid_cache_file_with_broken_entries_is_ignored_too()
    {
        var (charges, stg) = ChargesAndStaging();
        Generate(charges, stg);
        var path = Path.Combine(_target, "docs-lineage-cache.json");
        var text = File.ReadAllText(path);
        foreach (var broken in new[] { text.Replace("\"uses\":[", "\"uses\":[null,", StringComparison.Ordinal), text.Replace("\"columns\":[[", "\"columns\":[[],[", StringComparison.Ordinal) })
        {
            Assert.NotEqual(text, broken);
            File.WriteAllText(path, broken);
            Assert.StartsWith("column lineage: 1 models analysed, 0 unchanged", Generate(charges, stg).Message);
        }
    }

    [Fact]
    public void Another_parser_build_means_a_fresh_analysis()
    {
        var (charges, stg) = ChargesAndStaging();
        Generate(charges, stg);
        Assert.StartsWith("column lineage: 1 models analysed, 0 unchanged", Generate(new OtherParser(fixture.Provider), charges, stg).Message);
    }

    [Fact]
    public void A_cache_file_that_cannot_be_written_is_reported_and_the_site_is_still_written()
    {
        var (charges, stg) = ChargesAndStaging();
        var unwritable = Path.Combine(_target, "cache-is-a-folder");
        Directory.CreateDirectory(unwritable);
        var result = DocsSiteGenerator.Generate(new DocsOptions { TargetDir = _target, LineageCacheFile = unwritable },
            new DocsManifest("demo", "", "test", [charges, stg]), fixture.Provider);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal("column lineage: 1 models analysed, 0 unchanged ones reused from cache-is-a-folder (could not update it)",
            result.Diagnostics.Single(d => d.Code == "DOCS103").Message);
        Assert.True(File.Exists(Path.Combine(_target, "docs-site", "data", "lineage.js")));
    }

    private sealed class OtherParser(ISqlParseTreeProvider inner) : ISqlParseTreeProvider
    {
        public string Fingerprint => "another DuckDB";

        public string SerializeSql(string sql) => inner.SerializeSql(sql);
    }

    public void Dispose()
    {
        try { Directory.Delete(_target, recursive: true); } catch (IOException) { }
    }
}
