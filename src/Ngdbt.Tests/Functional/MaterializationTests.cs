using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Runs once per adapter (<see cref="MaterializationTestsOnDuckDb"/>, <see cref="MaterializationTestsOnPostgres"/>).</summary>
public abstract class MaterializationTests(TestTarget target)
{
    private TestProject NewProject(IReadOnlyDictionary<string, string> files, string name = "proj") => new(files, name, target);

    private static Dictionary<string, string> Files() => new()
    {
        ["seeds/payments.csv"] = "id,amount\n1,10.5000\n2,20.1234\n3,5.0001\n",
        ["seeds/schema.yml"] = "seeds:\n  - name: payments\n    config:\n      column_types: {id: INTEGER, amount: \"DECIMAL(19,4)\"}\n",
        ["models/stg_payments.sql"] = "select id, amount from {{ ref('payments') }}\n",
        ["models/big_payments.sql"] = "{{ config(materialized: 'ephemeral') }}\nselect * from {{ ref('stg_payments') }} where amount > 6\n",
        ["models/payments_table.sql"] = "{{ config(materialized: 'table') }}\nselect id, amount from {{ ref('big_payments') }}\n",
    };

    [Fact]
    public void View_table_and_ephemeral_materialize_as_declared()
    {
        using var p = NewProject(Files());
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal("VIEW", p.Scalar("select table_type from information_schema.tables where table_name = 'stg_payments'"));
        Assert.Equal("BASE TABLE", p.Scalar("select table_type from information_schema.tables where table_name = 'payments_table'"));
        Assert.Equal(0L, p.Scalar("select count(*) from information_schema.tables where table_name = 'big_payments'"));
        Assert.Equal(2L, p.Scalar("select count(*) from main.payments_table"));
        var compiled = p.Read("target/compiled/proj/models/payments_table.sql");
        Assert.Contains("__ngdbt__cte__big_payments as (", compiled, StringComparison.Ordinal);
        Assert.StartsWith("with __ngdbt__cte__big_payments", compiled, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed_keeps_exact_decimals()
    {
        using var p = NewProject(Files());
        Assert.Equal(0, p.Run("seed").Exit);
        Assert.Equal("DECIMAL(19,4)", p.ColumnType("main", "payments", "amount"));
        Assert.Equal(35.6235m, p.Scalar("select sum(amount) from main.payments"));
    }

    [Fact]
    public void Failing_model_leaves_previous_table_intact()
    {
        using var p = NewProject(Files());
        Assert.Equal(0, p.Run("build").Exit);
        Assert.Equal(2L, p.Scalar("select count(*) from main.payments_table"));
        p.Write("models/payments_table.sql", "{{ config(materialized: 'table') }}\nselect id, amount, 1 / 0 as boom, no_such_column from {{ ref('big_payments') }}\n");
        var (exit, output) = p.Run("run", "--select", "payments_table");
        Assert.Equal(1, exit);
        Assert.Contains("ERROR creating table model main.payments_table", output, StringComparison.Ordinal);
        Assert.Equal(2L, p.Scalar("select count(*) from main.payments_table"));
        Assert.Equal(0L, p.Scalar("select count(*) from information_schema.tables where table_name like '%ngdbt_tmp%'"));
    }

    [Fact]
    public void Failure_skips_downstream_but_not_independent_nodes()
    {
        var files = Files();
        files["models/broken.sql"] = "select no_such_column from {{ ref('stg_payments') }}\n";
        files["models/after_broken.sql"] = "select * from {{ ref('broken') }}\n";
        files["models/independent.sql"] = "select 1 as x\n";
        using var p = NewProject(files);
        var (exit, output) = p.Run("build");
        Assert.Equal(1, exit);
        Assert.Contains("SKIP", output, StringComparison.Ordinal);
        Assert.Contains("skipped", p.Read("target/run_results.json"), StringComparison.Ordinal);
        Assert.Equal(1L, p.Scalar("select count(*) from information_schema.tables where table_name = 'independent'"));
        Assert.Equal(0L, p.Scalar("select count(*) from information_schema.tables where table_name = 'after_broken'"));
        Assert.Matches(@"Done\. PASS=\d+ WARN=0 ERROR=1 SKIP=1 TOTAL=\d+", output);
    }

    [Fact]
    public void Fail_fast_stops_after_the_first_error()
    {
        var files = new Dictionary<string, string>
        {
            ["models/a_broken.sql"] = "select no_such_column\n",
        };
        for (var i = 0; i < 6; i++)
        {
            files[$"models/m{i}.sql"] = $"select {i} as x\n";
        }

        using var p = NewProject(files);
        p.Write("profiles.yml", "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/test.duckdb\n      threads: 1\n");
        var (exit, output) = p.Run("run", "--fail-fast");
        Assert.Equal(1, exit);
        Assert.Contains("Done. PASS=0 WARN=0 ERROR=1 SKIP=6 TOTAL=7", output, StringComparison.Ordinal);
        Assert.Contains("--fail-fast", p.Read("target/run_results.json"), StringComparison.Ordinal);
        Assert.Equal(0L, p.Scalar("select count(*) from information_schema.tables where table_name like 'm%'"));
    }

    [Fact]
    public void Schemas_from_config_are_created()
    {
        var files = Files();
        files["project.yml"] = "name: proj\nprofile: test\nmodels:\n  proj:\n    +schema: staging\n";
        using var p = NewProject(files);
        Assert.Equal(0, p.Run("build").Exit);
        Assert.Equal("main_staging", p.Scalar("select table_schema from information_schema.tables where table_name = 'stg_payments'"));
    }

    [Fact]
    public void Export_writes_the_table_to_a_file_and_a_blocked_path_fails_only_that_model()
    {
        var files = Files();
        files["models/exported.sql"] = "{{ config(materialized: 'table', export: {path: 'out/payments.csv', format: 'csv'}) }}\nselect id, amount from {{ ref('stg_payments') }}\n";
        files["models/blocked.sql"] = "{{ config(materialized: 'table', export: {path: 'blocker/x.csv'}) }}\nselect 1 as id\n";
        files["blocker"] = "a file where the export wants a folder\n";
        using var p = NewProject(files);
        var (exit, output) = p.Run("build");
        Assert.Equal(1, exit);
        Assert.Contains("id,amount", p.Read("out/payments.csv"), StringComparison.Ordinal);
        Assert.Contains("20.1234", p.Read("out/payments.csv"), StringComparison.Ordinal);
        Assert.Contains("I/O error:", output, StringComparison.Ordinal);
        Assert.Contains("ERROR creating table model main.blocked", output, StringComparison.Ordinal);
    }
}

public sealed class MaterializationTestsOnDuckDb() : MaterializationTests(TestTarget.DuckDb);

public sealed class MaterializationTestsOnPostgres() : MaterializationTests(TestTarget.Postgres);
