using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Runs once per adapter (<see cref="UnitTestAndSnapshotTestsOnDuckDb"/>, <see cref="UnitTestAndSnapshotTestsOnPostgres"/>).</summary>
public abstract class UnitTestAndSnapshotTests(TestTarget target)
{
    private TestProject NewProject(IReadOnlyDictionary<string, string> files, string name = "proj") => new(files, name, target);

    private static Dictionary<string, string> Files(string expectedTotal) => new()
    {
        ["models/orders.sql"] = "select 1 as id, 'c1' as customer, 10.0000::DECIMAL(19,4) as amount\n",
        ["models/customer_totals.sql"] = "select customer, sum(amount)::DECIMAL(19,4) as total from {{ ref('orders') }} group by customer\n",
        ["models/unit.yml"] = $$"""
            unit_tests:
              - name: totals_add_up
                model: customer_totals
                given:
                  - input: ref('orders')
                    rows:
                      - {customer: c1, amount: 1.5000}
                      - {customer: c1, amount: 2.2500}
                      - {customer: c2, amount: 4.0000}
                expect:
                  rows:
                    - {customer: c1, total: {{expectedTotal}}}
                    - {customer: c2, total: 4.0000}
            """,
    };

    [Fact]
    public void Unit_test_passes_without_building_the_inputs()
    {
        using var p = NewProject(Files("3.7500"));
        var (exit, output) = p.Run("test", "--select", "test_type:unit");
        Assert.True(exit == 0, output);
        Assert.Contains("PASS unit_test customer_totals::totals_add_up", output, StringComparison.Ordinal);
        Assert.Equal(0L, p.Scalar("select count(*) from information_schema.tables where table_name = 'orders'"));
    }

    [Fact]
    public void A_given_with_no_rows_and_unknown_columns_is_a_clear_error_and_declared_columns_make_it_work()
    {
        var files = Files("0");
        files["models/unit.yml"] = """
            unit_tests:
              - name: no_orders
                model: customer_totals
                given:
                  - input: ref('orders')
                    rows: []
                expect:
                  rows: []
            """;
        using var p = NewProject(files);
        var (exit, output) = p.Run("test", "--select", "test_type:unit");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0003: unit test 'no_orders': given ref('orders') has no rows and its columns are unknown", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NG0030", output, StringComparison.Ordinal);

        p.Write("models/schema.yml", "models:\n  - name: orders\n    columns:\n      - {name: id, data_type: INTEGER}\n      - {name: customer, data_type: VARCHAR}\n      - {name: amount, data_type: \"DECIMAL(19,4)\"}\n");
        (exit, output) = p.Run("test", "--select", "test_type:unit");
        Assert.True(exit == 0, output);
        Assert.Contains("PASS unit_test customer_totals::no_orders", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Failing_unit_test_prints_a_row_diff_and_gates_the_model_in_build()
    {
        using var p = NewProject(Files("3.7000"));
        var (exit, output) = p.Run("build");
        Assert.Equal(1, exit);
        Assert.Contains("FAIL 2 unit_test customer_totals::totals_add_up", output, StringComparison.Ordinal);
        Assert.Contains("+ | c1 | 3.7500", output, StringComparison.Ordinal);
        Assert.Contains("- | c1 | 3.7000", output, StringComparison.Ordinal);
        Assert.Contains("SKIP view model main.customer_totals", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_test_rows_may_be_given_as_csv()
    {
        var files = Files("3.7500");
        files["models/unit.yml"] = """
            unit_tests:
              - name: totals_from_csv
                model: customer_totals
                given:
                  - input: ref('orders')
                    format: csv
                    rows: |
                      customer,amount
                      c1,1.5000
                      c1,2.2500
                expect:
                  format: csv
                  rows: |
                    customer,total
                    c1,3.7500
            """;
        using var p = NewProject(files);
        var (exit, output) = p.Run("test");
        Assert.True(exit == 0, output);
        Assert.Contains("PASS unit_test customer_totals::totals_from_csv", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_materialization_does_not_turn_snapshots_or_seeds_into_tables()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\nmodels:\n  proj:\n    +materialized: table\nseeds:\n  proj:\n    +materialized: view\n",
            ["seeds/plans.csv"] = "id,price\n1,29.0000\n",
            ["snapshots/plans_snapshot.sql"] = "{{ config(unique_key: 'id', strategy: 'check', check_cols: ['price']) }}\nselect * from {{ ref('plans') }}\n",
        });
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Contains("snapshot main.plans_snapshot", output, StringComparison.Ordinal);
        Assert.Equal(1L, p.Scalar("select count(*) from main.plans_snapshot where dbt_valid_to is null"));
        Assert.Equal("BASE TABLE", p.Scalar("select table_type from information_schema.tables where table_name = 'plans'"));
    }

    [Fact]
    public void Yaml_snapshot_of_a_relation_keeps_history()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["seeds/plans.csv"] = "id,price\n1,29.0000\n",
            ["snapshots/plans.yml"] = "snapshots:\n  - name: plans_history\n    relation: ref('plans')\n    config:\n      unique_key: id\n      strategy: check\n      check_cols: [price]\n",
        });
        Assert.Equal(0, p.Run("seed").Exit);
        Assert.Equal(0, p.Run("snapshot").Exit);
        p.Write("seeds/plans.csv", "id,price\n1,49.0000\n");
        Assert.Equal(0, p.Run("seed").Exit);
        var (exit, output) = p.Run("snapshot");
        Assert.True(exit == 0, output);
        Assert.Equal(2L, p.Scalar("select count(*) from main.plans_history"));
        Assert.Equal(1L, p.Scalar("select count(*) from main.plans_history where dbt_valid_to is null"));
    }

    [Theory]
    [InlineData("strategy: 'timestamp', updated_at: 'updated_at'")]
    [InlineData("strategy: 'check', check_cols: ['status']")]
    public void Snapshot_keeps_history_of_changed_rows(string strategy)
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["seeds/customers.csv"] = "id,status,updated_at\n1,trial,2026-01-01 00:00:00\n2,paid,2026-01-01 00:00:00\n",
            ["snapshots/customers_snapshot.sql"] = $"{{{{ config(unique_key: 'id', {strategy}) }}}}\nselect * from {{{{ ref('customers') }}}}\n",
        });
        Assert.Equal(0, p.Run("seed").Exit);
        var (exit, output) = p.Run("snapshot");
        Assert.True(exit == 0, output);
        p.Write("seeds/customers.csv", "id,status,updated_at\n1,paid,2026-02-01 00:00:00\n2,paid,2026-01-01 00:00:00\n3,trial,2026-02-01 00:00:00\n");
        Assert.Equal(0, p.Run("seed").Exit);
        (exit, output) = p.Run("snapshot");
        Assert.True(exit == 0, output);
        Assert.Equal(4L, p.Scalar("select count(*) from main.customers_snapshot"));
        Assert.Equal(3L, p.Scalar("select count(*) from main.customers_snapshot where dbt_valid_to is null"));
        Assert.Equal("trial", p.Scalar("select status from main.customers_snapshot where id = 1 and dbt_valid_to is not null"));
        Assert.Equal("paid", p.Scalar("select status from main.customers_snapshot where id = 1 and dbt_valid_to is null"));
    }
}

public sealed class UnitTestAndSnapshotTestsOnDuckDb() : UnitTestAndSnapshotTests(TestTarget.DuckDb);

public sealed class UnitTestAndSnapshotTestsOnPostgres() : UnitTestAndSnapshotTests(TestTarget.Postgres);
