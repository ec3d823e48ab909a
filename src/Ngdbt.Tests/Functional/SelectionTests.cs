using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

public sealed class SelectionTests
{
    // seed_a -> stg_a -> int_ab -> fct ; stg_b -> int_ab ; other (tagged) ; staging folder holds stg_*
    private static readonly Dictionary<string, string> Files = new()
    {
        ["seeds/seed_a.csv"] = "id\n1\n",
        ["models/staging/stg_a.sql"] = "select * from {{ ref('seed_a') }}\n",
        ["models/staging/stg_b.sql"] = "{{ config(tags: ['finance']) }}\nselect 2 as id\n",
        ["models/int_ab.sql"] = "select * from {{ ref('stg_a') }} union all select * from {{ ref('stg_b') }}\n",
        ["models/marts/fct.sql"] = "{{ config(tags: ['finance', 'daily']) }}\nselect * from {{ ref('int_ab') }}\n",
        ["models/other.sql"] = "select 3 as id\n",
        ["models/schema.yml"] = "models:\n  - name: fct\n    columns:\n      - name: id\n        tests: [not_null]\n",
    };

    private static string[] Ls(TestProject p, params string[] args)
    {
        var (exit, output) = p.Run(["ls", "--output", "name", .. args]);
        Assert.True(exit == 0, output);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.Contains("warning", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData("fct", "fct,not_null_fct_id")]
    [InlineData("+fct", "fct,int_ab,not_null_fct_id,seed_a,stg_a,stg_b")]
    [InlineData("1+fct", "fct,int_ab,not_null_fct_id")]
    [InlineData("stg_a+", "fct,int_ab,not_null_fct_id,stg_a")]
    [InlineData("stg_a+1", "int_ab,stg_a")]
    [InlineData("@stg_a", "fct,int_ab,not_null_fct_id,seed_a,stg_a,stg_b")]
    [InlineData("tag:finance", "fct,not_null_fct_id,stg_b")]
    [InlineData("tag:finance,tag:daily", "fct,not_null_fct_id")]
    [InlineData("path:models/staging", "stg_a,stg_b")]
    [InlineData("resource_type:seed", "seed_a")]
    [InlineData("stg_* other", "other,stg_a,stg_b")]
    [InlineData("config.materialized:view,path:models/marts", "fct,not_null_fct_id")]
    public void Selector_selects_expected_nodes(string selector, string expected)
    {
        using var p = new TestProject(Files);
        Assert.Equal(expected.Split(','), Ls(p, ["--select", .. selector.Split(' ')]));
    }

    [Fact]
    public void Exclude_removes_nodes_and_their_tests()
    {
        using var p = new TestProject(Files);
        Assert.Equal(["int_ab", "other", "seed_a", "stg_a", "stg_b"], Ls(p, "--exclude", "fct"));
    }

    [Fact]
    public void Run_with_selection_builds_only_selected_models()
    {
        using var p = new TestProject(Files);
        Assert.Equal(0, p.Run("seed").Exit);
        var (exit, output) = p.Run("run", "--select", "+int_ab");
        Assert.True(exit == 0, output);
        Assert.Equal(3L, p.Scalar("select count(*) from information_schema.tables where table_name in ('stg_a','stg_b','int_ab')"));
        Assert.Equal(0L, p.Scalar("select count(*) from information_schema.tables where table_name in ('fct','other')"));
    }

    [Fact]
    public void Unknown_selector_method_is_a_usage_error()
    {
        using var p = new TestProject(Files);
        var (exit, output) = p.Run("ls", "--select", "tga:finance");
        Assert.Equal(2, exit);
        Assert.Contains("unknown selector method 'tga'; did you mean 'tag'?", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rnu", "Unrecognized command or argument 'rnu'")]
    [InlineData("run --threads abc", "Cannot parse argument 'abc' for option '--threads'")]
    [InlineData("docs serve --port 99999", "--port 99999 is not a port (0-65535; 0 picks a free one)")]
    [InlineData("docs serve --port -1", "--port -1 is not a port")]
    [InlineData("docs serve --host not-an-ip", "--host 'not-an-ip' is not an IP address (use 127.0.0.1, or 0.0.0.0 to listen on every interface)")]
    [InlineData("build -s a --frobnicate 3d", "'--frobnicate' is not an option of this verb, and selectors never start with '-'")]
    [InlineData("run -s a --ful-refresh", "'--ful-refresh' is not an option of this verb, and selectors never start with '-'; did you mean '--full-refresh'?")]
    public void Usage_errors_exit_2_with_the_reason(string args, string message)
    {
        using var p = new TestProject(Files);
        var (exit, output) = p.Run(args.Split(' '));
        Assert.Equal(2, exit);
        Assert.Contains("error NG0041: " + message, output, StringComparison.Ordinal);
    }
}
