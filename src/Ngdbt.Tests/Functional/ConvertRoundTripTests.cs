using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>`ngdbt convert` round trip on DuckDB: the vendored jaffle_shop_duckdb and our constructs project are converted
/// into a new folder, both projects compile, and every compiled node (models and tests) is byte-for-byte the same; the
/// hooks write the same rows when both build; the converted jaffle_shop builds with every test green.</summary>
public sealed class ConvertRoundTripTests
{
    private static string Fixture(string name) => Path.Combine(GoldenFile.SourceDir(), "Fixtures", "dbt", name);

    private static Dictionary<string, string> Files(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    private static Dictionary<string, string> Compiled(string root) => Files(Path.Combine(root, "target", "compiled"));

    /// <summary>Compiles the original project and the converted one; every compiled node must be byte-for-byte the same.</summary>
    private static Dictionary<string, string> AssertCompilesTheSame(TestProject p, string native)
    {
        var (exitOriginal, outOriginal) = p.Run("compile");
        var (exitNative, outNative) = p.Run("compile", "--project-dir", native);
        Assert.True(exitOriginal == 0, outOriginal);
        Assert.True(exitNative == 0, outNative);
        var original = Compiled(p.Root);
        Assert.Equal(original, Compiled(native));
        return original;
    }

    [Fact]
    public void Jaffle_shop_converts_entirely_compiles_to_identical_SQL_and_builds_green()
    {
        using var p = new TestProject(Files(Fixture("jaffle_shop_duckdb")));
        var native = Path.Combine(p.Root, "native");

        var (exit, output) = p.Run("convert", "--out", native);

        Assert.True(exit == 0, output);
        Assert.Contains("Converted 5 file(s) to Scriban, kept 0 in Jinja", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NG0115", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(native, "project.yml")));
        Assert.False(File.Exists(Path.Combine(native, "dbt_project.yml")));
        foreach (var model in Directory.EnumerateFiles(Path.Combine(native, "models"), "*.sql", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("{%", File.ReadAllText(model), StringComparison.Ordinal);
            Assert.DoesNotContain("{#", File.ReadAllText(model), StringComparison.Ordinal);
        }

        Assert.Equal(25, AssertCompilesTheSame(p, native).Count);

        var (buildExit, build) = p.Run("build", "--project-dir", native);
        Assert.True(buildExit == 0, build);
        Assert.Contains("Done. PASS=28 WARN=0 ERROR=0 SKIP=0 TOTAL=28", build, StringComparison.Ordinal);
        Assert.Equal(0, p.Run("convert", "--check").Exit);
    }

    [Fact]
    public void The_constructs_project_keeps_only_what_has_no_native_form_and_compiles_and_hooks_the_same()
    {
        using var p = new TestProject(Files(Fixture("constructs")));
        var native = Path.Combine(p.Root, "native");

        var (exit, output) = p.Run("convert", "--out", native);

        Assert.True(exit == 0, output);
        Assert.Contains("Converted 6 file(s) to Scriban, kept 3 in Jinja", output, StringComparison.Ordinal);
        Assert.Contains("models/staging/stg_methods.sql(4,3): warning NG0115: models/staging/stg_methods.sql kept in Jinja: {% do %} (a call for its side effect)", output, StringComparison.Ordinal);
        Assert.Contains("macros/helpers.sql(18,23): warning NG0115: macro 'wrap_select' kept in Jinja (moved to macros/helpers_jinja.sql): 'caller'", output, StringComparison.Ordinal);
        Assert.Contains("dbt_project.yml(22,1): warning NG0115: hook kept in Jinja: 'graph'", output, StringComparison.Ordinal);
        Assert.Contains("dbt_project.yml(12,1): warning NG0116: dbt_project.yml key 'dispatch' is not carried into project.yml", output, StringComparison.Ordinal);
        var helpers = File.ReadAllText(Path.Combine(native, "macros", "helpers.sql"));
        Assert.Contains("{{ func cents_to_dollars(column, scale = 4)", helpers, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", helpers, StringComparison.Ordinal);
        Assert.Contains("{% macro wrap_select() -%}", File.ReadAllText(Path.Combine(native, "macros", "helpers_jinja.sql")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(p.Root, "models", "staging", "stg_methods.sql")), File.ReadAllText(Path.Combine(native, "models", "staging", "stg_methods.sql")));

        Assert.Equal(10, AssertCompilesTheSame(p, native).Count);

        // Hooks: on-run-start (converted loop), pre_hook in config(), +post_hook and on-run-end (kept) write the same rows.
        string Log(string? dir)
        {
            var (code, text) = dir is null ? p.Run("build") : p.Run("build", "--project-dir", dir);
            Assert.True(code == 0, text);
            return string.Join(";", p.Query("select event, at_step from main.run_log order by all").Select(r => $"{r[0]}:{r[1]}"));
        }

        var originalLog = Log(null);
        p.DatabasePath = Path.Combine(native, "warehouse", "test.duckdb");
        Assert.Equal(originalLog, Log(native));
        Assert.Contains("START:1", originalLog, StringComparison.Ordinal);
        Assert.Contains("post payment_summary:0", originalLog, StringComparison.Ordinal);

        Assert.Equal(1, p.Run("convert", "--check").Exit);
    }

    [Fact]
    public void Convert_refuses_a_folder_that_is_not_empty_and_a_project_without_dbt_project_yml()
    {
        using var p = new TestProject(Files(Fixture("jaffle_shop_duckdb")));
        Directory.CreateDirectory(Path.Combine(p.Root, "busy"));
        File.WriteAllText(Path.Combine(p.Root, "busy", "x.txt"), "x");

        var (exit, output) = p.Run("convert", "--out", Path.Combine(p.Root, "busy"));

        Assert.Equal(2, exit);
        Assert.Contains("is not empty", output, StringComparison.Ordinal);
        using var native = new TestProject(new Dictionary<string, string> { ["models/m.sql"] = "select 1" });
        Assert.Equal(2, native.Run("convert").Exit);
    }

    [Fact]
    public void A_project_using_dbt_utils_converts_and_still_finds_its_package_macros_and_tests()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["dbt_project.yml"] = "name: shop\nprofile: test\nconfig-version: 2\n",
            ["packages.yml"] = "packages:\n  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n",
            ["models/orders.sql"] = "select 1 as id, 'a' as grp, 10 as amount union all select 2, 'b', 20\n",
            ["models/keyed.sql"] = "select {{ dbt_utils.generate_surrogate_key(['id', 'grp']) }} as order_key, amount from {{ ref('orders') }}\n",
            ["models/schema.yml"] = "version: 2\nmodels:\n  - name: keyed\n    data_tests:\n      - dbt_utils.expression_is_true:\n          expression: \"amount > 0\"\n    columns:\n      - name: order_key\n        data_tests: [unique, not_null]\n",
        });
        var native = Path.Combine(p.Root, "native");

        var (exit, output) = p.Run("convert", "--out", native);

        Assert.True(exit == 0, output);
        Assert.True(File.Exists(Path.Combine(native, "packages.yml")), "packages.yml is carried over");
        Assert.Contains("{{ ref('orders') }}", File.ReadAllText(Path.Combine(native, "models", "orders.sql")) + File.ReadAllText(Path.Combine(native, "models", "keyed.sql")), StringComparison.Ordinal);
        AssertCompilesTheSame(p, native);
        var (buildExit, build) = p.Run("build", "--project-dir", native);
        Assert.True(buildExit == 0, build);
        Assert.Contains("Done. PASS=5 WARN=", build, StringComparison.Ordinal);
    }
}
