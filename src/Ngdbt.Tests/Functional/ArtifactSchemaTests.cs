using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Every artifact validates against dbt's own published JSON schemas (Fixtures/dbt-schemas) with 0 errors.
/// Runs once per adapter (<see cref="ArtifactSchemaTestsOnDuckDb"/>, <see cref="ArtifactSchemaTestsOnPostgres"/>).</summary>
public abstract class ArtifactSchemaTests(TestTarget target)
{
    /// <summary>Models of every materialization, a seed with column types, a snapshot, a file source, generic tests
    /// (built-in, custom, on a source, one with a name over 64 characters), singular tests, a unit test, hooks.</summary>
    internal static Dictionary<string, string> EveryResource() => new()
    {
        ["project.yml"] = "name: proj\nprofile: test\nmodels:\n  proj:\n    +pre_hook: \"select 1\"\n",
        ["data/orders.csv"] = "id,customer_id,status,amount\n1,1,placed,10.5000\n2,2,shipped,3.2500\n",
        ["seeds/plans.csv"] = "id,name,price\n1,basic,10.0000\n2,pro,20.0000\n",
        ["seeds/schema.yml"] = "seeds:\n  - name: plans\n    config:\n      column_types: {id: INTEGER, price: \"DECIMAL(19,4)\"}\n",
        ["models/sources.yml"] = "sources:\n  - name: raw\n    tables:\n      - name: orders\n        description: Raw orders\n        meta:\n          external_location: \"data/orders.csv\"\n          format: csv\n        columns:\n          - name: id\n            tests: [not_null]\n",
        ["models/customers.sql"] = "{{ config(materialized: 'table', tags: ['core']) }}\nselect 1 as customer_id, 'a' as name union all select 2, 'b'\n",
        ["models/stg_orders.sql"] = "select cast(id as integer) as order_id, cast(customer_id as integer) as customer_id, status, cast(amount as DECIMAL(19,4)) as amount from {{ source('raw', 'orders') }}\n",
        ["models/order_ids.sql"] = "{{ config(materialized: 'ephemeral') }}\nselect order_id from {{ ref('stg_orders') }}\n",
        ["models/orders.sql"] = "{{ config(materialized: 'incremental', unique_key: 'order_id') }}\nselect o.* from {{ ref('stg_orders') }} o join {{ ref('order_ids') }} i using (order_id)\n",
        ["models/schema.yml"] = """
            models:
              - name: customers
                description: One row per customer
                columns:
                  - name: customer_id
                    description: key
                    data_type: integer
                    tests: [unique, not_null]
              - name: orders
                columns:
                  - name: order_id
                    tests: [unique]
                  - name: status
                    tests:
                      - accepted_values:
                          values: ['placed', 'shipped', 'completed', 'return_pending', 'returned']
                  - name: customer_id
                    tests:
                      - relationships: {to: "ref('customers')", field: customer_id}
                  - name: amount
                    tests:
                      - at_least: {min_value: 0}
            unit_tests:
              - name: passes_orders_through
                model: stg_orders
                given:
                  - input: source('raw', 'orders')
                    rows:
                      - {id: 1, customer_id: 1, status: placed, amount: 1.5}
                expect:
                  rows:
                    - {order_id: 1, customer_id: 1, status: placed, amount: 1.5000}
            """,
        ["macros/tests.sql"] = "{{ func test_at_least(model, column_name, min_value) }}select * from {{ model }} where {{ column_name }} < {{ min_value }}{{ end }}\n",
        ["snapshots/plans_snapshot.sql"] = "{{ config(unique_key: 'id', strategy: 'check', check_cols: ['price']) }}\nselect * from {{ ref('plans') }}\n",
        ["tests/no_negative_orders.sql"] = "select * from {{ ref('orders') }} where amount < 0\n",
        ["tests/few_customers.sql"] = "{{ config(severity: 'warn') }}\nselect * from {{ ref('customers') }}\n",
    };

    private static void AssertValid(string schema, string path)
    {
        var errors = DbtSchemas.Errors(schema, path);
        Assert.True(errors.Count == 0, $"{Path.GetFileName(path)}: {errors.Count} errors\n{string.Join("\n", errors.Take(30))}");
    }

    [Fact]
    public void Manifest_run_results_and_catalog_validate_against_dbts_schemas()
    {
        using var p = new TestProject(EveryResource(), target: target);
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Contains("WARN", output, StringComparison.Ordinal);
        (exit, output) = p.Run("docs", "generate");
        Assert.True(exit == 0, output);
        AssertValid(DbtSchemas.Manifest, Path.Combine(p.Root, "target/manifest.json"));
        AssertValid(DbtSchemas.RunResults, Path.Combine(p.Root, "target/run_results.json"));
        AssertValid(DbtSchemas.Catalog, Path.Combine(p.Root, "target/catalog.json"));

        using var manifest = JsonDocument.Parse(p.Read("target/manifest.json"));
        var nodes = manifest.RootElement.GetProperty("nodes");
        var customers = nodes.GetProperty("model.proj.customers");
        var checksum = customers.GetProperty("checksum");
        Assert.Equal("sha256", checksum.GetProperty("name").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(p.Read("models/customers.sql")))), checksum.GetProperty("checksum").GetString());
        Assert.Equal("select 1", customers.GetProperty("config").GetProperty("pre-hook")[0].GetProperty("sql").GetString());
        var longTest = nodes.EnumerateObject().Single(n => n.Name.StartsWith("test.proj.accepted_values_orders_status__placed__shipped", StringComparison.Ordinal)).Value;
        Assert.True(longTest.GetProperty("alias").GetString()!.Length < 64);
        Assert.Equal("none", longTest.GetProperty("checksum").GetProperty("name").GetString());

        using var results = JsonDocument.Parse(p.Read("target/run_results.json"));
        var byId = results.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("unique_id").GetString()!);
        Assert.Equal(customers.GetProperty("relation_name").GetString(), byId["model.proj.customers"].GetProperty("relation_name").GetString());
        Assert.True(byId["model.proj.customers"].GetProperty("compiled").GetBoolean());
        Assert.Contains("select 1 as customer_id", byId["model.proj.customers"].GetProperty("compiled_code").GetString(), StringComparison.Ordinal);
        Assert.Equal("warn", byId["test.proj.few_customers"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, byId["test.proj.few_customers"].GetProperty("relation_name").ValueKind);
    }

    [Fact]
    public void Run_results_of_a_failed_build_validate_with_error_and_skipped_statuses()
    {
        var files = EveryResource();
        files["models/stg_orders.sql"] = "select no_such_column from {{ source('raw', 'orders') }}\n";
        using var p = new TestProject(files, target: target);
        var (exit, output) = p.Run("build");
        Assert.True(exit == 1, output);
        AssertValid(DbtSchemas.RunResults, Path.Combine(p.Root, "target/run_results.json"));
        using var results = JsonDocument.Parse(p.Read("target/run_results.json"));
        var statuses = results.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToHashSet();
        Assert.Contains("error", statuses);
        Assert.Contains("skipped", statuses);
    }

    [Fact]
    public void The_validator_rejects_a_manifest_node_without_its_checksum()
    {
        using var p = new TestProject(EveryResource(), target: target);
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        var manifest = JsonNode.Parse(p.Read("target/manifest.json"))!;
        manifest["nodes"]!["model.proj.customers"]!.AsObject().Remove("checksum");
        p.Write("target/broken.json", manifest.ToJsonString());
        var errors = DbtSchemas.Errors(DbtSchemas.Manifest, Path.Combine(p.Root, "target/broken.json"));
        Assert.Contains(errors, e => e.Contains("checksum", StringComparison.Ordinal));
    }
}

public sealed class ArtifactSchemaTestsOnDuckDb() : ArtifactSchemaTests(TestTarget.DuckDb);

public sealed class ArtifactSchemaTestsOnPostgres() : ArtifactSchemaTests(TestTarget.Postgres);
