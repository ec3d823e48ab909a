using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Hostile or careless input is a positioned error with exit 2, never silence, a crash or a runaway.</summary>
public sealed class InputHardeningTests
{
    [Fact]
    public void A_key_given_twice_is_an_error_in_project_yml_vars_meta_and_cli_vars()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nname: other\nprofile: test\n",
            ["models/a.sql"] = "select 1 as id\n",
        });
        var (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("project.yml(2,1): error NG0002: invalid YAML: duplicate key 'name' (first given on line 1)", output, StringComparison.Ordinal);

        p.Write("project.yml", "name: proj\nprofile: test\nvars:\n  k: 1\n  k: 2\n");
        (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("project.yml(5,3): error NG0002: invalid YAML: duplicate key 'k' (first given on line 4)", output, StringComparison.Ordinal);

        p.Write("project.yml", "name: proj\nprofile: test\n");
        p.Write("models/schema.yml", "models:\n  - name: a\n    meta:\n      owner: x\n      owner: y\n");
        (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("models/schema.yml(5,7): error NG0002: invalid YAML: duplicate key 'owner' (first given on line 4)", output, StringComparison.Ordinal);

        p.Delete("models/schema.yml");
        (exit, output) = p.Run("compile", "--vars", "{k: 1, k: 2}");
        Assert.Equal(2, exit);
        Assert.Contains("duplicate key 'k'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_in_memory_warehouse_is_shared_by_every_worker_and_leaves_no_file_behind()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["profiles.yml"] = "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ':memory:'\n      threads: 4\n",
            ["models/a.sql"] = "select 1 as id\n",
            ["models/b.sql"] = "select id + 1 as id from {{ ref('a') }}\n",
            ["models/c.sql"] = "select id + 1 as id from {{ ref('b') }}\n",
            ["models/d.sql"] = "select sum(id) as total from {{ ref('a') }} join {{ ref('c') }} using (id)\n",
        });
        static string[] Strays() => [.. Directory.GetFiles(Directory.GetCurrentDirectory(), ":memory:*")];
        var before = Strays();
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Contains("PASS=4", output, StringComparison.Ordinal);
        Assert.Empty(Strays().Except(before));
        Assert.Empty(Directory.GetFiles(p.Root, ":memory:*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_yaml_alias_bomb_is_refused_at_once()
    {
        var bomb = "name: proj\nprofile: test\nvars:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var level = 1; level <= 9; level++)
        {
            var alias = string.Join(", ", Enumerable.Repeat($"*{(char)('a' + level - 1)}", 10));
            bomb += $"  {(char)('a' + level)}: &{(char)('a' + level)} [{alias}]\n";
        }

        using var p = new TestProject(new Dictionary<string, string> { ["project.yml"] = bomb, ["models/a.sql"] = "select 1 as id\n" });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0002: invalid YAML: YAML aliases expand this document to more than 1,000,000 nodes", output, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_model_file_that_is_not_utf8_is_refused_with_the_byte_offset()
    {
        using var p = new TestProject(new Dictionary<string, string> { ["models/a.sql"] = "select 1 as id\n" });
        File.WriteAllBytes(Path.Combine(p.Root, "models", "b.sql"), [.. "select 'caf"u8, 0xE9, .. "' as name\n"u8]);
        var (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("models/b.sql(1,1): error NG0001: the file is not valid UTF-8 (invalid byte at offset 11); save it as UTF-8", output, StringComparison.Ordinal);
    }
}

/// <summary>Values of the wrong kind, and settings that would need a download, are errors naming them.</summary>
public sealed class ConfigHardeningTests
{
    [Fact]
    public void Configs_scoped_to_an_adapter_apply_on_its_targets_only_and_are_checked()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/a.sql"] = "{{ config(citus: {distributed_by: 'id'}, duckdb: {materialized: 'table'}) }}\nselect 1 as id\n",
            ["models/b.sql"] = "{{ config(materialized: 'table', postgres: {materialized: 'view'}) }}\nselect 2 as id\n",
        });
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("NG0029", output, StringComparison.Ordinal);
        Assert.Equal("BASE TABLE", p.Scalar("select table_type from information_schema.tables where table_name = 'a'"));
        Assert.Equal("BASE TABLE", p.Scalar("select table_type from information_schema.tables where table_name = 'b'"));

        p.Write("models/a.sql", "{{ config(duckdb: {materialised: 'table'}) }}\nselect 1 as id\n");
        (exit, output) = p.Run("build");
        Assert.Equal(2, exit);
        Assert.Contains("models/a.sql(1,11): error NG0024: unknown config 'materialised'", output, StringComparison.Ordinal);

        p.Write("models/a.sql", "{{ config(citus: 'id') }}\nselect 1 as id\n");
        (exit, output) = p.Run("build");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0024: config 'citus' holds configs for citus targets and must be a mapping", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Vars_as_a_list_threads_as_a_word_and_a_bad_threshold_are_errors()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["project.yml"] = "name: proj\nprofile: test\nvars: [1, 2]\n",
            ["models/a.sql"] = "select 1 as id\n",
            ["models/schema.yml"] = "models:\n  - name: a\n    columns:\n      - name: id\n        tests:\n          - not_null:\n              config: {warn_if: 'more than 3'}\n",
        });
        var (exit, output) = p.Run("build");
        Assert.Equal(2, exit);
        Assert.Contains("project.yml(3,7): error NG0003: vars must be a mapping of names to values", output, StringComparison.Ordinal);

        p.Write("project.yml", "name: proj\nprofile: test\n");
        p.Write("profiles.yml", "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/test.duckdb\n      threads: many\n");
        (exit, output) = p.Run("build");
        Assert.Equal(2, exit);
        Assert.Contains("profiles.yml(7,16): error NG0025: threads must be a positive whole number, not 'many'", output, StringComparison.Ordinal);

        p.Write("profiles.yml", "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/test.duckdb\n");
        (exit, output) = p.Run("build");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0025: test 'not_null_a_id': warn_if 'more than 3' is not a threshold", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(p.Root, "target", "run_results.json")));
    }

    [Fact]
    public void A_setting_that_needs_an_extension_is_refused_without_a_download_and_its_secret_is_masked()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["profiles.yml"] = "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse/test.duckdb\n      settings:\n        s3_secret_access_key: hunter2-key\n",
            ["models/a.sql"] = "select 1 as id\n",
        });
        var (exit, output) = p.Run("debug");
        Assert.Equal(2, exit);
        Assert.Contains("settings.s3_secret_access_key: ********", output, StringComparison.Ordinal);
        Assert.Contains("error NG0034: cannot connect to the duckdb target 'dev'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
        (exit, output) = p.Run("build");
        Assert.Equal(2, exit);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_on_something_that_is_no_warehouse_is_a_clear_error()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["profiles.yml"] = "test:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: data/export.csv\n",
            ["data/export.csv"] = "id,amount\n1,2.0000\n",
            ["models/a.sql"] = "select 1 as id\n",
        });
        var (exit, output) = p.Run("show", "--inline", "select 1");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0034: cannot open the warehouse:", output, StringComparison.Ordinal);
        Assert.Contains("is not a DuckDB database file", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal("id,amount\n1,2.0000\n", p.Read("data/export.csv"));
    }
}
