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
