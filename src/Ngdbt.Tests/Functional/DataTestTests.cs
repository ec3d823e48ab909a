using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Runs once per adapter (<see cref="DataTestTestsOnDuckDb"/>, <see cref="DataTestTestsOnPostgres"/>).</summary>
public abstract class DataTestTests(TestTarget target)
{
    private TestProject NewProject(IReadOnlyDictionary<string, string> files, string name = "proj") => new(files, name, target);

    private static Dictionary<string, string> Files(string columnTests, string extra = "") => new()
    {
        ["seeds/payments.csv"] = "id,status,amount\n1,paid,10.0000\n2,paid,-5.0000\n3,,7.5000\n3,refunded,1.0000\n",
        ["seeds/schema.yml"] = "seeds:\n  - name: payments\n    config:\n      column_types: {id: INTEGER, amount: \"DECIMAL(19,4)\"}\n",
        ["models/stg_payments.sql"] = "select * from {{ ref('payments') }}\n",
        ["models/downstream.sql"] = "select count(*) as n from {{ ref('stg_payments') }}\n",
        ["models/schema.yml"] = "models:\n  - name: stg_payments\n    columns:\n" + columnTests + extra,
        ["macros/tests.sql"] = "{{ func test_at_least(model, column_name, min_value) }}select * from {{ model }} where {{ column_name }} < {{ min_value }}{{ end }}\n",
    };

    [Fact]
    public void Failing_test_prints_count_and_rows_and_skips_downstream_in_build()
    {
        using var p = NewProject(Files("      - name: status\n        tests: [not_null]\n"));
        var (exit, output) = p.Run("build");
        Assert.Equal(1, exit);
        Assert.Contains("FAIL 1 test not_null_stg_payments_status", output, StringComparison.Ordinal);
        Assert.Contains("Got 1 result, configured to fail if !=0", output, StringComparison.Ordinal);
        Assert.Contains("id | status | amount", output, StringComparison.Ordinal);
        Assert.Contains("SKIP view model main.downstream", output, StringComparison.Ordinal);
        Assert.Equal(0L, p.Scalar("select count(*) from information_schema.tables where table_name = 'downstream'"));
    }

    [Fact]
    public void Warn_severity_does_not_skip_downstream()
    {
        using var p = NewProject(Files("      - name: status\n        tests:\n          - not_null:\n              config: {severity: warn}\n"));
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Contains("WARN 1 test not_null_stg_payments_status", output, StringComparison.Ordinal);
        Assert.Equal(1L, p.Scalar("select count(*) from information_schema.tables where table_name = 'downstream'"));
        Assert.Contains("WARN=1", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error_if: \">1\"", "WARN 1")]
    [InlineData("error_if: \">0\"", "FAIL 1")]
    [InlineData("where: \"id <> 3\"", "PASS test")]
    public void Thresholds_and_where_are_applied(string config, string expected)
    {
        using var p = NewProject(Files($"      - name: status\n        tests:\n          - not_null:\n              config: {{{config}}}\n"));
        var (_, output) = p.Run("build");
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unique_accepted_values_relationships_and_custom_generic_tests_with_arguments()
    {
        var extra = "      - name: amount\n        tests:\n          - at_least: {min_value: 0}\n";
        var files = Files("      - name: id\n        tests: [unique]\n      - name: status\n        tests:\n          - accepted_values: {values: [paid, refunded]}\n", extra);
        files["seeds/ids.csv"] = "id\n1\n2\n";
        files["models/schema.yml"] += "  - name: downstream\n    columns:\n      - name: n\n        tests:\n          - relationships: {to: \"ref('ids')\", field: id}\n";
        using var p = NewProject(files);
        Assert.Equal(0, p.Run("seed").Exit);
        Assert.Equal(0, p.Run("run").Exit);
        var (exit, output) = p.Run("test");
        Assert.Equal(1, exit);
        Assert.Contains("FAIL 1 test unique_stg_payments_id", output, StringComparison.Ordinal);
        Assert.Contains("PASS test accepted_values_stg_payments_status", output, StringComparison.Ordinal);
        Assert.Contains("FAIL 1 test at_least_stg_payments_amount", output, StringComparison.Ordinal);
        Assert.Contains("FAIL 1 test relationships_downstream_n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_failures_keeps_failing_rows_in_the_audit_schema()
    {
        using var p = NewProject(Files("      - name: amount\n        tests:\n          - at_least:\n              min_value: 0\n              config: {store_failures: true}\n"));
        var (_, output) = p.Run("build");
        Assert.Contains("failing rows stored in \"main_dbt_test__audit\".\"at_least_stg_payments_amount__0\"", output, StringComparison.Ordinal);
        Assert.Equal(-5.0000m, p.Scalar("select amount from main_dbt_test__audit.at_least_stg_payments_amount__0"));
    }

    [Fact]
    public void Singular_tests_use_refs_and_select_by_test_type()
    {
        var files = Files("      - name: id\n        tests: [not_null]\n");
        files["tests/assert_no_negative_amounts.sql"] = "select * from {{ ref('stg_payments') }} where amount < 0\n";
        using var p = NewProject(files);
        Assert.Equal(1, p.Run("build").Exit);
        var (exit, output) = p.Run("test", "--select", "test_type:singular");
        Assert.Equal(1, exit);
        Assert.Contains("FAIL 1 test assert_no_negative_amounts", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not_null_stg_payments_id", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_test_twice_on_a_column_gets_two_distinct_names()
    {
        // As in dbt, the arguments are part of the name; the same test with the same arguments (only configs differ)
        // gets a suffix from its hash.
        using var p = NewProject(Files("      - name: status\n        tests:\n          - accepted_values: {values: [paid]}\n          - accepted_values: {values: [paid, refunded]}\n          - accepted_values: {values: [paid], config: {severity: warn}}\n"));
        var (exit, output) = p.Run("ls", "--resource-type", "test", "--output", "name");
        Assert.True(exit == 0, output);
        var names = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, names.Length);
        Assert.Contains("accepted_values_stg_payments_status__paid", names);
        Assert.Contains("accepted_values_stg_payments_status__paid__refunded", names);
        Assert.Matches("^accepted_values_stg_payments_status__paid_[0-9a-f]{6}$", names.Single(n => !n.EndsWith("__paid", StringComparison.Ordinal) && !n.EndsWith("__refunded", StringComparison.Ordinal)));
    }
}

public sealed class DataTestTestsOnDuckDb() : DataTestTests(TestTarget.DuckDb);

public sealed class DataTestTestsOnPostgres() : DataTestTests(TestTarget.Postgres);
