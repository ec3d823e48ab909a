using System.Security.Cryptography;
using System.Text;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>ngdbt's shipped dbt_utils (src/Ngdbt.Core/Packages/dbt_utils): its macros and generic tests work in a dbt
/// project with nothing installed, each generic test passes on good data and fails on bad data, and an installed
/// package named dbt_utils replaces ours. Runs once per adapter.</summary>
public abstract class DbtUtilsTests(TestTarget target)
{
    private const string Tests = """
        version: 2
        models:
          - name: m
            tests:
              - dbt_utils.expression_is_true: {expression: "amount > 0"}
              - dbt_utils.unique_combination_of_columns: {combination_of_columns: [id, grp]}
              - dbt_utils.equal_rowcount: {compare_model: "ref('other')"}
              - dbt_utils.recency: {field: ts, datepart: day, interval: 2}
            columns:
              - name: amount
                tests:
                  - dbt_utils.accepted_range: {min_value: 0, max_value: 100}
              - name: note
                tests:
                  - dbt_utils.not_null_proportion: {at_least: 0.5}
                  - dbt_utils.at_least_one
        """;

    private static readonly string[] TestNames =
        ["expression_is_true", "unique_combination_of_columns", "equal_rowcount", "recency", "accepted_range", "not_null_proportion", "at_least_one"];

    private TestProject NewProject(string rows, Dictionary<string, string>? extra = null)
    {
        var files = new Dictionary<string, string>
        {
            ["dbt_project.yml"] = "name: shop\nprofile: test\nconfig-version: 2\n",
            ["seeds/rows.csv"] = "id,grp,amount,ts,note\n" + rows,
            ["seeds/schema.yml"] = "version: 2\nseeds:\n  - name: rows\n    config:\n      column_types: {id: INTEGER, grp: VARCHAR, amount: \"DECIMAL(19,4)\", ts: TIMESTAMP, note: VARCHAR}\n",
            ["models/m.sql"] = "select * from {{ ref('rows') }}\n",
            ["models/other.sql"] = "select 1 as n union all select 2 as n\n",
            ["models/schema.yml"] = Tests,
        };
        foreach (var (k, v) in extra ?? [])
        {
            files[k] = v;
        }

        return new TestProject(files, target: target);
    }

    private static string Recent => DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Every_generic_test_passes_on_good_data()
    {
        using var p = NewProject($"1,a,10.0000,{Recent},x\n2,b,20.0000,{Recent},\n");
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        foreach (var name in TestNames)
        {
            Assert.Contains(output.Split('\n'), l => l.Contains("PASS", StringComparison.Ordinal) && l.Contains("dbt_utils_" + name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_generic_test_fails_on_bad_data()
    {
        using var p = NewProject("1,a,10.0000,2000-01-01 00:00:00,\n1,a,-5.0000,2000-01-01 00:00:00,\n3,c,500.0000,2000-01-02 00:00:00,\n");
        var (exit, output) = p.Run("build");
        Assert.Equal(1, exit);
        foreach (var name in TestNames)
        {
            Assert.Contains(output.Split('\n'), l => l.Contains("FAIL", StringComparison.Ordinal) && l.Contains("dbt_utils_" + name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Surrogate_key_is_the_md5_of_the_dash_joined_fields_with_a_null_marker()
    {
        using var p = NewProject($"1,a,10.0000,{Recent},x\n2,,20.0000,{Recent},y\n", new()
        {
            ["models/keyed.sql"] = "select id, {{ dbt_utils.generate_surrogate_key(['id', 'grp']) }} as sk from {{ ref('rows') }} order by id\n",
        });
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        var keys = p.Query("select sk from main.keyed order by id").Select(r => (string?)r[0]).ToList();
        Assert.Equal([Md5("1-a"), Md5("2-_dbt_utils_surrogate_key_null_")], keys);
    }

    [Fact]
    public void Date_spine_and_deduplicate_build_the_expected_rows()
    {
        using var p = NewProject($"1,a,10.0000,{Recent},x\n2,a,20.0000,{Recent},y\n3,b,30.0000,{Recent},z\n", new()
        {
            ["models/spine.sql"] = "{{ dbt_utils.date_spine('day', \"cast('2024-01-30' as date)\", \"cast('2024-02-02' as date)\") }}\n",
            ["models/dedup.sql"] = "{{ dbt_utils.deduplicate(ref('rows'), 'grp', 'id desc') }}\n",
        });
        var (exit, output) = p.Run("build", "--exclude", "test_type:generic");
        Assert.True(exit == 0, output);
        var days = p.Query("select cast(cast(date_day as date) as varchar) from main.spine order by 1").Select(r => (string?)r[0]).ToList();
        Assert.Equal(["2024-01-30", "2024-01-31", "2024-02-01"], days);
        Assert.Equal([[2, "a"], [3, "b"]], p.Query("select id, grp from main.dedup order by id").Select(r => new object?[] { Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture), r[1] }).ToList());
    }

    [Fact]
    public void Star_get_column_values_union_relations_and_pivot_read_relations_built_before()
    {
        using var p = NewProject($"1,a,10.0000,{Recent},x\n2,b,20.0000,{Recent},y\n3,b,30.0000,{Recent},z\n");
        var (exit, output) = p.Run("build", "--exclude", "test_type:generic");
        Assert.True(exit == 0, output);
        p.Write("models/starred.sql", "select {{ dbt_utils.star(ref('rows'), except=['ts', 'note'], relation_alias='r', prefix='x_') }} from {{ ref('rows') }} as r\n");
        p.Write("models/groups.sql", "{% set groups = dbt_utils.get_column_values(ref('rows'), 'grp', order_by='grp') %}select '{{ groups | join(',') }}' as groups\n");
        p.Write("models/unioned.sql", "{{ dbt_utils.union_relations([ref('rows'), ref('other')], exclude=['ts']) }}\n");
        p.Write("models/pivoted.sql", "select {{ dbt_utils.pivot('grp', dbt_utils.get_column_values(ref('rows'), 'grp', order_by='grp')) }} from {{ ref('rows') }}\n");
        (exit, output) = p.Run("build", "--select", "starred", "groups", "unioned", "pivoted");
        Assert.True(exit == 0, output);
        Assert.Equal(["x_id", "x_grp", "x_amount"], p.Query("select column_name from information_schema.columns where table_name = 'starred' order by ordinal_position").Select(r => (string?)r[0]).ToList());
        Assert.Equal("a,b", p.Scalar("select groups from main.groups"));
        Assert.Equal(["_dbt_source_relation", "id", "grp", "amount", "note", "n"], p.Query("select column_name from information_schema.columns where table_name = 'unioned' order by ordinal_position").Select(r => (string?)r[0]).ToList());
        Assert.Equal([3L, 2L, 2L], p.Query("select count(id), count(n), count(distinct _dbt_source_relation) from main.unioned").Single().Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToList());
        Assert.Equal([1L, 2L], p.Query("select cast(a as bigint), cast(b as bigint) from main.pivoted").Single().Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToList());
    }

    [Fact]
    public void An_installed_dbt_utils_package_wins_over_ngdbts()
    {
        using var p = NewProject($"1,a,10.0000,{Recent},x\n", new()
        {
            ["packages.yml"] = "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n",
            ["dbt_packages/dbt_utils/dbt_project.yml"] = "name: dbt_utils\nconfig-version: 2\n",
            ["dbt_packages/dbt_utils/macros/keys.sql"] = "{% macro generate_surrogate_key(field_list) %}'installed'{% endmacro %}\n",
            ["models/schema.yml"] = "version: 2\n",
            ["models/keyed.sql"] = "select {{ dbt_utils.generate_surrogate_key(['id']) }} as sk from {{ ref('rows') }}\n",
        });
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal("installed", p.Scalar("select sk from main.keyed"));
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}

public sealed class DbtUtilsTestsOnDuckDb() : DbtUtilsTests(TestTarget.DuckDb);

public sealed class DbtUtilsTestsOnPostgres() : DbtUtilsTests(TestTarget.Postgres);
