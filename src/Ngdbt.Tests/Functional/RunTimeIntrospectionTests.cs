using System.Globalization;
using System.Text.Json;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Templates that read the warehouse (run_query, statement, get_relation, get_columns_in_relation and the
/// dbt_utils macros on them) render just before their node runs, after the parents built in the same run, as in dbt;
/// target/compiled and run_results.json hold the SQL that ran. Runs once per adapter.</summary>
public abstract class RunTimeIntrospectionTests(TestTarget target)
{
    private const string Rows = "select 'x' as c, 1 as n union all select 'y' as c, 2 as n union all select 'y' as c, 3 as n";

    private TestProject NewProject(Dictionary<string, string> models)
    {
        var files = new Dictionary<string, string>
        {
            ["dbt_project.yml"] = "name: shop\nprofile: test\nconfig-version: 2\nmodels:\n  shop:\n    +materialized: table\n",
            ["models/a.sql"] = Rows + "\n",
        };
        foreach (var (k, v) in models)
        {
            files[k] = v;
        }

        return new TestProject(files, target: target);
    }

    [Fact]
    public void A_pivot_on_get_column_values_of_a_model_built_in_the_same_run_has_its_columns_on_a_fresh_warehouse()
    {
        using var p = NewProject(new()
        {
            ["models/b.sql"] = "select {{ dbt_utils.pivot('c', dbt_utils.get_column_values(ref('a'), 'c', order_by='c')) }} from {{ ref('a') }}\n",
        });
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal(["x", "y"], Columns(p, "b"));
        Assert.Equal([1L, 2L], p.Query("select cast(x as bigint), cast(y as bigint) from main.b").Single().Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToList());

        var compiled = p.Read("target/compiled/shop/models/b.sql");
        Assert.Contains("'x'", compiled, StringComparison.Ordinal);
        Assert.Contains("'y'", compiled, StringComparison.Ordinal);
        Assert.Equal(compiled.TrimEnd('\n'), CompiledCode(p, "target/run_results.json", "results", "model.shop.b"));
        Assert.Equal(compiled.TrimEnd('\n'), CompiledCode(p, "target/manifest.json", "nodes", "model.shop.b"));
    }

    [Fact]
    public void Run_query_statement_and_get_columns_in_relation_see_the_parents_built_before_them()
    {
        using var p = NewProject(new()
        {
            ["models/counted.sql"] = "{% set t = run_query('select count(*) from ' ~ ref('a')) %}select {{ t.rows[0][0] if execute else 0 }} as n_rows\n",
            ["models/stated.sql"] = "{% call statement('m', fetch_result=True) %}select max(n) from {{ ref('a') }}{% endcall %}select {{ load_result('m')['data'][0][0] if execute else 0 }} as top\n",
            ["models/cols.sql"] = "select {% for col in adapter.get_columns_in_relation(ref('a')) %}'{{ col.name }}' as col_{{ loop.index }}{{ ', ' if not loop.last }}{% endfor %}{% if not execute %}1 as none_yet{% endif %}\n",
            ["models/related.sql"] = "-- depends_on: {{ ref('a') }}\n{% set r = adapter.get_relation(database=target.database, schema=target.schema, identifier='a') %}select {{ \"'found'\" if r is not none else \"'missing'\" }} as a_relation\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal(3L, Convert.ToInt64(p.Scalar("select n_rows from main.counted"), CultureInfo.InvariantCulture));
        Assert.Equal(3L, Convert.ToInt64(p.Scalar("select top from main.stated"), CultureInfo.InvariantCulture));
        Assert.Equal(["c", "n"], p.Query("select col_1, col_2 from main.cols").Single().Select(v => (string?)v).ToList());
        Assert.Equal("found", p.Scalar("select a_relation from main.related"));
    }

    [Fact]
    public void A_query_that_fails_at_run_time_fails_its_node_with_a_position_and_skips_nothing_else()
    {
        using var p = NewProject(new()
        {
            ["models/broken.sql"] = "{% set t = run_query('select no_such_column from ' ~ ref('a')) %}select 1 as one\n",
        });
        var (exit, output) = p.Run("run");
        Assert.Equal(1, exit);
        Assert.Matches(@"models[/\\]broken\.sql\(1,\d+\): error NG0011: .*the query of run_query/statement failed", output);
        Assert.Equal(3L, Convert.ToInt64(p.Scalar("select count(*) from main.a"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_statement_with_a_side_effect_runs_once_per_run_when_its_node_runs()
    {
        using var p = NewProject(new()
        {
            ["models/calls.sql"] = "select 0 as n where 1 = 0\n",
            ["models/logged.sql"] = "-- depends on {{ ref('calls') }}\n{% call statement('log') %}insert into {{ ref('calls') }} values (1){% endcall %}select 1 as x\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal(1L, Convert.ToInt64(p.Scalar("select count(*) from main.calls"), CultureInfo.InvariantCulture));
        (exit, output) = p.Run("run", "--select", "logged");
        Assert.True(exit == 0, output);
        Assert.Equal(2L, Convert.ToInt64(p.Scalar("select count(*) from main.calls"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Compile_alone_still_reads_the_warehouse_as_it_is()
    {
        using var p = NewProject(new()
        {
            ["models/b.sql"] = "select {{ dbt_utils.pivot('c', dbt_utils.get_column_values(ref('a'), 'c', order_by='c')) }} from {{ ref('a') }}\n",
        });
        var (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0011", output, StringComparison.Ordinal);
        Assert.True(p.Run("run", "--select", "a").Exit == 0);
        (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.Contains("'y'", p.Read("target/compiled/shop/models/b.sql"), StringComparison.Ordinal);
    }

    private static List<string?> Columns(TestProject p, string table)
        => p.Query($"select column_name from information_schema.columns where table_name = '{table}' order by ordinal_position").Select(r => (string?)r[0]).ToList();

    private static string? CompiledCode(TestProject p, string file, string collection, string id)
    {
        using var doc = JsonDocument.Parse(p.Read(file));
        var items = doc.RootElement.GetProperty(collection);
        var node = items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Single(r => r.GetProperty("unique_id").GetString() == id)
            : items.GetProperty(id);
        return node.GetProperty("compiled_code").GetString();
    }
}

public sealed class RunTimeIntrospectionTestsOnDuckDb() : RunTimeIntrospectionTests(TestTarget.DuckDb);

public sealed class RunTimeIntrospectionTestsOnPostgres() : RunTimeIntrospectionTests(TestTarget.Postgres);

/// <summary>Native Scriban templates: `run_query` reads the warehouse when the node runs, after its parents.</summary>
public sealed class ScribanRunQueryTests
{
    [Fact]
    public void A_scriban_model_built_from_run_query_of_a_model_built_in_the_same_run_gets_its_columns()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/a.sql"] = "select 'x' as c union all select 'y' as c\n",
            ["models/b.sql"] = "{{ rows = run_query(\"select distinct c from \" + ref(\"a\") + \" order by c\") }}select {{ for r in rows }}'{{ r.c }}' as col_{{ r.c }}{{ if !for.last }}, {{ end }}{{ end }}{{ if rows.size == 0 }}1 as none_yet{{ end }}\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal(["col_x", "col_y"], p.Query("select column_name from information_schema.columns where table_name = 'b' order by ordinal_position").Select(r => (string?)r[0]).ToList());
        Assert.Contains("'y' as col_y", p.Read("target/compiled/proj/models/b.sql"), StringComparison.Ordinal);
    }
}
