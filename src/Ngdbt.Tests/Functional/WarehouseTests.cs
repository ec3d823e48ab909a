using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>What every warehouse must do the same way: contracts and the money guard from the database's own result
/// description, file sources, and database errors mapped to the model's line. Runs once per adapter.</summary>
public abstract class WarehouseTests(TestTarget target)
{
    private TestProject NewProject(IReadOnlyDictionary<string, string> files) => new(files, "proj", target);

    [Fact]
    public void Contracts_and_the_money_guard_read_the_database_types()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\nmoney-guard:\n  type: DECIMAL(19,4)\n  columns: [\"*amount*\"]\n",
            ["models/good.sql"] = "select cast(1 as integer) as id, cast(10.5 as decimal(19,4)) as amount, cast('a' as varchar) as label\n",
            ["models/floaty.sql"] = "select cast(10.5 as double precision) as amount\n",
            ["models/drifted.sql"] = "select cast(1 as bigint) as id, cast(10.5 as decimal(19,4)) as amount\n",
            ["models/schema.yml"] = """
                models:
                  - name: good
                    config: {contract: {enforced: true}}
                    columns:
                      - {name: id, data_type: INTEGER}
                      - {name: amount, data_type: "DECIMAL(19,4)"}
                      - {name: label, data_type: VARCHAR}
                  - name: drifted
                    config: {contract: {enforced: true}}
                    columns:
                      - {name: id, data_type: INTEGER}
                      - {name: amount, data_type: "DECIMAL(19,4)"}
                """,
        });
        var (exit, output) = p.Run("run");
        Assert.Equal(1, exit);
        Assert.Contains("OK created view model main.good", output, StringComparison.Ordinal);
        Assert.Contains("error NG0051: floaty money guard: column 'amount' is DOUBLE; money columns matching '*amount*' must be DECIMAL(19,4)", output, StringComparison.Ordinal);
        Assert.Contains("error NG0050: drifted contract violated: column 'id': contract says INTEGER, query returns BIGINT", output, StringComparison.Ordinal);
        Assert.Equal(10.5m, p.Scalar("select amount from main.good"));
    }

    [Fact]
    public void A_file_source_is_read_in_place_or_loaded_and_only_new_files_are_loaded_again()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["data/pay/part1.csv"] = "id,amount\n1,10.0100\n2,20.0200\n",
            ["models/sources.yml"] = """
                sources:
                  - name: raw
                    tables:
                      - name: pay
                        meta: {external_location: "data/pay/*.csv", format: csv, read_options: "types = {'id': 'BIGINT', 'amount': 'DECIMAL(19,4)'}"}
                        columns:
                          - {name: id, data_type: BIGINT}
                          - {name: amount, data_type: "DECIMAL(19,4)"}
                """,
            ["models/total.sql"] = "{{ config(materialized: 'table') }}\nselect count(*) as n, {{ money_sum('amount') }} as amount from {{ source('raw', 'pay') }}\n",
            ["seeds/schema.yml"] = "seeds: []\n",
        });
        if (target == TestTarget.Postgres)
        {
            // A table of that name the loader did not fill is replaced, never appended to.
            p.Query("create schema raw; create table raw.pay (id bigint, amount numeric(19,4)); insert into raw.pay values (99, 1000)");
        }

        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal([2L, 30.03m], p.Query("select n, amount from main.total")[0]);
        if (target == TestTarget.Postgres)
        {
            Assert.Contains("source raw.pay: loaded 2 rows from 1 file into \"raw\".\"pay\"", output, StringComparison.Ordinal);
            (exit, output) = p.Run("build");
            Assert.True(exit == 0, output);
            Assert.Contains("source raw.pay: 1 files unchanged, nothing to load", output, StringComparison.Ordinal);
        }

        p.Write("data/pay/part2.csv", "id,amount\n3,0.0001\n");
        (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal([3L, 30.0301m], p.Query("select n, amount from main.total")[0]);
        if (target == TestTarget.Postgres)
        {
            Assert.Contains("loaded 1 rows from 1 file into \"raw\".\"pay\" (new files appended)", output, StringComparison.Ordinal);
            p.Write("data/pay/part1.csv", "id,amount\n1,1.0000\n");
            (exit, output) = p.Run("build");
            Assert.True(exit == 0, output);
            Assert.Contains("loaded 2 rows from 2 files into \"raw\".\"pay\"", output, StringComparison.Ordinal);
            Assert.Equal([2L, 1.0001m], p.Query("select n, amount from main.total")[0]);
        }
    }

    [Fact]
    public void Macros_dispatch_to_the_targets_version_and_a_project_macro_replaces_a_shipped_one()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["macros/label.sql"] = "{{ func default__label() }}'default'{{ end }}\n{{ func duckdb__label() }}'duck'{{ end }}\n{{ func postgres__label() }}'pg'{{ end }}\n{{ func default__only_default() }}'fallback'{{ end }}\n",
            ["macros/money.sql"] = "{{ func money_sum(x) }}'project money_sum'{{ end }}\n",
            ["models/m.sql"] = "{{ config(materialized: 'table') }}\nselect {{ label() }} as label, {{ only_default() }} as fallback, {{ money_sum('x') }} as own,\n  {{ datediff('hour', \"cast('2026-01-01 10:59' as timestamp)\", \"cast('2026-01-01 12:01' as timestamp)\") }} as hours,\n  {{ safe_cast(\"'12x'\", 'bigint') }} as bad, {{ safe_cast(\"' 42 '\", 'bigint') }} as good,\n  {{ format_date(\"cast('2026-03-09' as date)\", '%Y-%m') }} as month\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        var row = p.Query("select label, fallback, own, cast(hours as bigint), bad, cast(good as bigint), month from main.m")[0];
        Assert.Equal([target == TestTarget.Postgres ? "pg" : "duck", "fallback", "project money_sum", 2L, null, 42L, "2026-03"], row);
    }

    [Fact]
    public void Hooks_run_inside_the_nodes_transaction_and_a_failing_one_keeps_the_previous_table()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\nmodels:\n  proj:\n    +pre_hook: \"create table if not exists main.audit (what varchar, n bigint)\"\n",
            ["models/m.sql"] = "{{ config(materialized: 'table', post_hook: [\"insert into main.audit select 'built {{ this.identifier }}', count(*) from {{ this }}\"]) }}\nselect 1 as id union all select 2 as id\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal(["built m", 2L], p.Query("select what, n from main.audit")[0]);

        p.Write("models/m.sql", "{{ config(materialized: 'table', post_hook: 'insert into main.no_such_table values (1)') }}\nselect 1 as id\n");
        (exit, output) = p.Run("run");
        Assert.Equal(1, exit);
        Assert.Contains("no_such_table", output, StringComparison.Ordinal);
        Assert.Equal(2L, p.Scalar("select count(*) from main.m"));
        Assert.Equal(1L, p.Scalar("select count(*) from main.audit"));
        Assert.DoesNotContain("NG0029", output, StringComparison.Ordinal);
    }

    [Fact]
    public void On_run_end_sees_the_results_and_the_schemas_of_the_run()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\non-run-start: [\"create schema if not exists ops\", \"create table if not exists ops.run_log (name varchar, status varchar, schemas varchar)\"]\n"
                + "on-run-end: [\"{{ for r in results }}insert into ops.run_log values ('{{ r.node.name }}', '{{ r.status }}', '{{ schemas | array.join ',' }}');\\n{{ end }}\"]\n",
            ["models/a.sql"] = "{{ config(materialized: 'table') }}\nselect 1 as id\n",
            ["models/b.sql"] = "{{ config(materialized: 'table', schema: 'marts') }}\nselect id from {{ ref('a') }}\n",
            ["models/schema.yml"] = "models:\n  - name: b\n    columns:\n      - {name: id, tests: [not_null]}\n",
        });
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        var rows = p.Query("select name, status, schemas from ops.run_log order by name").Select(r => $"{r[0]}:{r[1]}:{r[2]}").ToList();
        Assert.Equal(["a:success:main,main_marts", "b:success:main,main_marts", "not_null_b_id:pass:main,main_marts"], rows);
    }

    [Fact]
    public void On_run_start_and_end_run_around_the_nodes_and_a_failing_start_builds_nothing()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\nvars:\n  label: nightly\non-run-start:\n  - \"create schema if not exists ops\"\n  - \"create table if not exists ops.runs (what varchar)\"\non-run-end: [\"insert into ops.runs values ('{{ var('label') }} on {{ target.name }}')\"]\n",
            ["models/m.sql"] = "{{ config(materialized: 'table') }}\nselect 1 as id\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Contains("on-run-start[1]: OK", output, StringComparison.Ordinal);
        Assert.Equal("nightly on dev", p.Scalar("select what from ops.runs"));

        p.Write("project.yml", "name: proj\nprofile: test\non-run-start: [\"insert into ops.no_such_table values (1)\"]\n");
        p.Write("models/m.sql", "{{ config(materialized: 'table') }}\nselect 1 as id union all select 2\n");
        (exit, output) = p.Run("run");
        Assert.Equal(1, exit);
        Assert.Contains("project.yml(1,1): error NG0030: database error in on-run-start[0]:", output, StringComparison.Ordinal);
        Assert.Contains("Done. Nothing was run: on-run-start failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.Equal(1L, p.Scalar("select count(*) from main.m"));
    }

    [Fact]
    public void Require_ngdbt_version_is_checked_and_flags_are_named_as_not_implemented()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\nrequire-ngdbt-version: \">=99.0.0\"\n",
            ["models/m.sql"] = "select 1 as id\n",
        });
        var (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("project.yml(3,24): error NG0025: this project requires ngdbt >=99.0.0; this is ngdbt 0.1.0", output, StringComparison.Ordinal);
        p.Write("project.yml", "name: proj\nprofile: test\nrequire-ngdbt-version: \">=0.1.0, <1.0.0\"\nflags:\n  send_anonymous_usage_stats: false\n");
        (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.Contains("project.yml(4,1): warning NG0029: project key 'flags' is not implemented by ngdbt yet", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_error_points_at_the_line_of_the_model()
    {
        using var p = NewProject(new Dictionary<string, string>
        {
            ["models/m.sql"] = "{{ config(materialized: 'table') }}\nselect 1 as id,\n       no_such_column as x\n",
        });
        var (exit, output) = p.Run("run");
        Assert.Equal(1, exit);
        Assert.Contains("models/m.sql(3,8): error NG0030: database error in m:", output, StringComparison.Ordinal);
        Assert.Contains("no_such_column", output, StringComparison.Ordinal);
    }
}

public sealed class WarehouseTestsOnDuckDb() : WarehouseTests(TestTarget.DuckDb);

public sealed class WarehouseTestsOnPostgres() : WarehouseTests(TestTarget.Postgres);
