using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class TemplatingTests
{
    [Fact]
    public void Vars_env_vars_target_this_macros_and_comments_render()
    {
        Environment.SetEnvironmentVariable("NGTEST_REGION", "emea");
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\nvars:\n  min_amount: 5\n",
            ["macros/money.sql"] = "{{ func cents_to_dollars(col) }}cast(cast({{ col }} as decimal(19,0)) * 0.01 as decimal(19,4)){{ end }}\n",
            ["models/m.sql"] = """
                {{# a comment that renders nothing }}
                {{ config(materialized: 'table') }}
                select {{ cents_to_dollars('1234') }} as amount,
                       '{{ env_var('NGTEST_REGION', 'none') }}' as region,
                       '{{ target.name }}' as target_name,
                       '{{ this.schema }}.{{ this.identifier }}' as me,
                       {{ var('min_amount') }} as min_amount,
                       {{ var('missing', 7) }} as defaulted
                """,
        });
        var (exit, output) = p.Run("run", "--vars", "{min_amount: 9}");
        Assert.True(exit == 0, output);
        var row = p.Query("select amount, region, target_name, me, min_amount, defaulted from main.m")[0];
        Assert.Equal(12.34m, row[0]);
        Assert.Equal("DECIMAL(19,4)", p.Scalar("select data_type from information_schema.columns where table_name = 'm' and column_name = 'amount'"));
        Assert.Equal(["emea", "dev", "main.m", 9, 7], row[1..].Select(v => v is int i ? (object)i : v));
        Assert.DoesNotContain("comment", p.Read("target/compiled/proj/models/m.sql"), StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_text_that_only_looks_like_jinja_is_left_alone()
    {
        // '{%' in a LIKE pattern and '{#' in a string are SQL, not Jinja tags, and Scriban's verbatim block {%{ }%} is
        // literal: only '{% <jinja keyword> ... %}' and '{# ... #}' in template text are reported (golden test 025).
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/m.sql"] = "select 'a{%b' like '%{%%' as braces, '{# x' as hash, '{%{{% if x %}}%}' as verbatim\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal([true, "{# x", "{% if x %}"], p.Query("select braces, hash, verbatim from main.m")[0]);
    }

    [Fact]
    public void Config_arguments_may_be_expressions()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\nvars:\n  mart_materialization: table\n",
            ["models/a.sql"] = "{{ config(materialized: var('mart_materialization'), tags: ['t' + '1'], meta: {owner: 'finance'}) }}\nselect 1 as id\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal("BASE TABLE", p.Scalar("select table_type from information_schema.tables where table_name = 'a'"));
        Assert.Equal("a", p.Run("ls", "--select", "tag:t1", "--output", "name").Output.Trim());
    }

    [Fact]
    public void A_macro_used_as_a_value_gives_its_text_and_writes_nothing_where_it_is_called()
    {
        // Scriban wrote a func's text wherever it was called: a config argument or an assignment put it at the top of
        // the compiled SQL ("tabletable\nselect ...") and gave the config or variable nothing.
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["macros/m.sql"] = "{{ func mat() -}}\ntable\n{{- end }}\n{{ func default__label() -}}\nfinance\n{{- end }}\n{{ func answer()\n  ret 42\nend }}\n",
            ["models/a.sql"] = "{{ config(materialized: mat(), tags: [label()]) }}\n{{ x = label() }}select '{{ x }}' as v, {{ answer() }} as n, '{{ mat() }}' as m\n",
        });
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal("select 'finance' as v, 42 as n, 'table' as m", p.Read("target/compiled/proj/models/a.sql").Trim());
        Assert.Equal("BASE TABLE", p.Scalar("select table_type from information_schema.tables where table_name = 'a'"));
        Assert.Equal("a", p.Run("ls", "--select", "tag:finance", "--output", "name").Output.Trim());
    }

    [Fact]
    public void Refs_in_untaken_branches_are_still_dependencies()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/a.sql"] = "select 1 as id\n",
            ["models/b.sql"] = "{{ if false }}select * from {{ ref('a') }}{{ else }}select 2 as id{{ end }}\n",
        });
        var (exit, output) = p.Run("ls", "--select", "a+", "--output", "name");
        Assert.True(exit == 0, output);
        Assert.Contains("b", output.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void External_parquet_source_is_read_with_hive_partitioning()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/sources.yml"] = "sources:\n  - name: raw\n    meta:\n      external_location: \"data/charges/*/*.parquet\"\n    tables:\n      - name: charges\n",
            ["models/stg.sql"] = "{{ config(materialized: 'table') }}\nselect month, sum(amount) as total from {{ source('raw', 'charges') }} group by month\n",
        });
        using (var c = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:"))
        {
            c.Open();
            Directory.CreateDirectory(Path.Combine(p.Root, "data"));
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"COPY (select (i % 2)::varchar as month, 1.0001::DECIMAL(19,4) as amount from range(10) t(i)) TO '{p.Root}/data/charges' (FORMAT parquet, PARTITION_BY (month))";
            cmd.ExecuteNonQuery();
        }

        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal(10.0010m, p.Scalar("select sum(total) from main.stg"));
        Assert.Contains("read_parquet(", p.Read("target/compiled/proj/models/stg.sql"), StringComparison.Ordinal);
        Assert.Contains("hive_partitioning = true", p.Read("target/compiled/proj/models/stg.sql"), StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_env_var_interpolation_and_secrets_are_redacted()
    {
        // DuckDB has no password: a key of another adapter is an error (below); secrets are shown masked by `debug` on a
        // PostgreSQL target in PostgresDebugTests.
        Environment.SetEnvironmentVariable("NGTEST_SECRET", "hunter2-secret");
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["profiles.yml"] = "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: \"{{ env_var('NGDBT_TEST_DB', 'warehouse/test.duckdb') }}\"\n      settings:\n        memory_limit: 1GB\n",
            ["models/a.sql"] = "select 1 as id\n",
        });
        var (exit, output) = p.Run("debug");
        Assert.True(exit == 0, output);
        Assert.Contains("settings.memory_limit: 1GB", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        Assert.Equal(0, p.Run("build").Exit);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(p.Root, "target"), "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("hunter2", File.ReadAllText(file), StringComparison.Ordinal);
        }

        p.Write("profiles.yml", "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/test.duckdb\n      password: \"{{ env_var('NGTEST_SECRET') }}\"\n      pathh: x\n");
        var (badExit, badOutput) = p.Run("debug");
        Assert.Equal(2, badExit);
        Assert.Contains("profiles.yml(7,7): error NG0024: 'password' is not a duckdb profile key", badOutput, StringComparison.Ordinal);
        Assert.Contains("error NG0024: 'pathh' is not a duckdb profile key (known: path, schema, settings, threads); did you mean 'path'?", badOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", badOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Profiles_dir_and_target_flags_choose_the_connection()
    {
        using var p = new TestProject(new Dictionary<string, string> { ["models/a.sql"] = "select 1 as id\n" });
        var profiles = Path.Combine(p.Root, "elsewhere");
        Directory.CreateDirectory(profiles);
        File.WriteAllText(Path.Combine(profiles, "profiles.yml"), "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/dev.duckdb\n    prod:\n      type: duckdb\n      path: warehouse/prod.duckdb\n      schema: analytics\n");
        var (exit, output) = p.Run("run", "--profiles-dir", profiles, "--target", "prod");
        Assert.True(exit == 0, output);
        Assert.True(File.Exists(Path.Combine(p.Root, "warehouse", "prod.duckdb")));
        Assert.False(File.Exists(Path.Combine(p.Root, "warehouse", "dev.duckdb")));
        (exit, output) = p.Run("run", "--profiles-dir", profiles, "--target", "prd");
        Assert.Equal(2, exit);
        Assert.Contains("target 'prd' is not defined under test.outputs; did you mean 'prod'?", output, StringComparison.Ordinal);
    }
}
