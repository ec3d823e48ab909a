using Ngdbt.Artifacts;
using Ngdbt.Cli;
using Ngdbt.Cli.Commands;
using Ngdbt.Cli.Output;
using Ngdbt.Docs.Artifacts;
using Ngdbt.Manifest;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>`docs generate` hands the manifest to the site in memory; it must be exactly what manifest.json says.</summary>
public sealed class DocsInputTests
{
    [Fact]
    public void In_memory_docs_manifest_equals_the_one_read_back_from_manifest_json()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\nmodels:\n  proj:\n    marts:\n      +schema: marts\n      +tags: [finance]\n",
            ["macros/cents.sql"] = "{{ func cents(col) -}}\n({{ col }} * 100)::BIGINT\n{{- end }}\n{{ func test_positive(model, column_name) -}}\nselect * from {{ model }} where {{ column_name }} <= 0\n{{- end }}\n",
            ["seeds/plans.csv"] = "id,price\n1,29.0000\n",
            ["seeds/seeds.yml"] = "seeds:\n  - name: plans\n    config:\n      column_types:\n        price: DECIMAL(19,4)\n",
            ["models/sources.yml"] = "sources:\n  - name: stripe\n    meta: {owner: billing}\n    tables:\n      - name: charges\n        description: Raw charges\n        columns:\n          - name: id\n            tests: [not_null]\n",
            ["models/eph.sql"] = "{{ config(materialized: 'ephemeral') }}\nselect id, price from {{ ref('plans') }}\n",
            ["models/marts/fct.sql"] = "{{ config(materialized: 'table', meta: {tier: 'gold'}) }}\nselect id, {{ cents('price') }} as price_cents from {{ ref('eph') }}\n",
            ["models/marts/schema.yml"] = "models:\n  - name: fct\n    description: \"Revenue <b>facts</b>\"\n    columns:\n      - name: id\n        data_type: integer\n        description: key\n        tests:\n          - unique\n          - relationships: {to: ref('plans'), field: id}\n      - name: price_cents\n        tests: [positive]\n",
            ["models/marts/unit.yml"] = "unit_tests:\n  - name: cents_ok\n    model: fct\n    given:\n      - input: ref('eph')\n        rows: [{id: 1, price: 2}]\n    expect:\n      rows: [{id: 1, price_cents: 200}]\n",
            ["snapshots/plans_snapshot.sql"] = "{{ config(unique_key: 'id', strategy: 'check', check_cols: ['price']) }}\nselect * from {{ ref('plans') }}\n",
            ["tests/no_free_plans.sql"] = "select * from {{ ref('plans') }} where price = 0\n",
            ["models/marts/exposures.yml"] = "exposures:\n  - name: board\n    type: dashboard\n    url: https://bi.example.com/b\n    owner: {name: Finance}\n    meta: {tier: 1}\n    depends_on: [\"ref('fct')\", \"metric('rev')\"]\n  - name: odd\n    type: spreadsheet\n    owner: {email: x@example.com}\n    depends_on: [\"source('stripe', 'charges')\"]\nsemantic_models:\n  - name: facts\n    model: ref('fct')\n    measures: [{name: total, agg: sum}]\nmetrics:\n  - name: rev\n    type: simple\n    type_params: {measure: total}\n",
        });
        var log = new StringWriter();
        var session = Session.Open(Program.Parse(["compile", "--project-dir", p.Root]), new ConsoleOutput(log), quiet: true);
        Assert.True(session is not null, log.ToString());
        using var adapter = session.OpenAdapter();
        var ids = session.Manifest.Nodes.Values.Where(n => n.ResourceType is ResourceType.Model or ResourceType.Test or ResourceType.Snapshot).Select(n => n.UniqueId);
        var compiled = session.Compile(adapter, ids, fullRefresh: false);
        Assert.Contains(compiled.Nodes.Values, c => c.Sql.Contains("* 100", StringComparison.Ordinal));
        var at = DateTime.UtcNow;
        var path = ArtifactWriter.WriteManifest(session.Manifest, compiled.Nodes, n => session.RelationName(adapter, n), Session.Version, at);

        var fromFile = DocsManifest.Read(path);
        var inMemory = DocsInput.From(session.Manifest, compiled.Nodes, n => session.RelationName(adapter, n), Session.Version, at);

        Assert.Equal(fromFile.ProjectName, inMemory.ProjectName);
        Assert.Equal(fromFile.Generator, inMemory.Generator);
        Assert.Equal(fromFile.GeneratedAt, inMemory.GeneratedAt);
        Assert.Equal(fromFile.Nodes.Select(n => n.UniqueId), inMemory.Nodes.Select(n => n.UniqueId));
        Assert.Contains(inMemory.Nodes, n => n.ResourceType == "source" && n.MetaJson != "{}");
        Assert.Contains(inMemory.Nodes, n => n.ResourceType == "macro");
        Assert.Contains(inMemory.Nodes, n => n.ResourceType == "snapshot");
        Assert.Contains(inMemory.Nodes, n => n.TestName == "relationships" && n.ColumnName == "id");
        Assert.Contains(inMemory.Nodes, n => n.ResourceType == "exposure" && n.OwnerName == "Finance" && n.Url == "https://bi.example.com/b" && n.MetaJson != "{}");
        Assert.Contains(inMemory.Nodes, n => n.ResourceType == "exposure" && n.ExposureType == "application" && n.MetaJson.Contains("spreadsheet", StringComparison.Ordinal));
        Assert.Contains(inMemory.Nodes, n => n.ResourceType == "metric" && n.Label == "rev" && n.DependsOn.SequenceEqual(["semantic_model.proj.facts"]));
        foreach (var (file, memory) in fromFile.Nodes.Zip(inMemory.Nodes))
        {
            Assert.Equal(Describe(file), Describe(memory));
        }
    }

    /// <summary>Every field of a node, lists spelled out (records compare lists by reference).</summary>
    private static string Describe(DocNode n) => string.Join("\n",
        n.UniqueId, n.ResourceType, n.Name, n.PackageName, n.OriginalFilePath, n.Schema, n.RelationName ?? "(null)",
        n.Description, string.Join("|", n.Columns.Select(c => $"{c.Name}:{c.Description}:{c.DataType ?? "(null)"}:{string.Join(",", c.Tags)}")),
        n.ConfigJson, n.Materialized ?? "(null)", string.Join(",", n.Tags), string.Join(",", n.DependsOn),
        n.RawCode ?? "(null)", n.CompiledCode ?? "(null)", n.SourceName ?? "(null)", n.TestName ?? "(null)",
        n.AttachedNode ?? "(null)", n.ColumnName ?? "(null)", n.MetaJson,
        n.OwnerName ?? "(null)", n.OwnerEmail ?? "(null)", n.ExposureType ?? "(null)", n.Url ?? "(null)", n.Maturity ?? "(null)", n.Label ?? "(null)");
}
