using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>`ngdbt deps`: copies `local:` packages into dbt_packages/, keeps hub packages installed by `dbt deps`,
/// cannot reach the hub (NG0072), and falls back to ngdbt's own dbt_utils with a warning (git: GitPackageTests).</summary>
public sealed class DepsCommandTests
{
    private static Dictionary<string, string> Project(string packages) => new()
    {
        ["dbt_project.yml"] = "name: shop\nprofile: test\nconfig-version: 2\n",
        ["packages.yml"] = packages,
        ["vendor/my_utils/dbt_project.yml"] = "name: my_utils\nconfig-version: 2\n",
        ["vendor/my_utils/macros/shout.sql"] = "{% macro shout(x) %}upper({{ x }}){% endmacro %}\n",
        ["vendor/my_utils/target/stale.txt"] = "build output of the package\n",
        ["models/m.sql"] = "select {{ my_utils.shout(\"'x'\") }} as loud\n",
    };

    [Fact]
    public void Deps_copies_local_packages_and_keeps_installed_hub_packages()
    {
        using var p = new TestProject(Project("packages:\n  - local: vendor/my_utils\n  - package: calogica/dbt_expectations\n    version: 0.10.1\n"));
        p.Write("dbt_packages/dbt_expectations/dbt_project.yml", "name: dbt_expectations\nconfig-version: 2\n");
        p.Write("dbt_packages/my_utils/macros/old.sql", "{% macro old() %}1{% endmacro %}\n");
        var (exit, output) = p.Run("deps");
        Assert.True(exit == 0, output);
        Assert.Contains("my_utils (vendor/my_utils): copied 2 files to dbt_packages/my_utils", output, StringComparison.Ordinal);
        Assert.Contains("dbt_expectations (calogica/dbt_expectations): kept dbt_packages/dbt_expectations (already installed)", output, StringComparison.Ordinal);
        Assert.Equal(p.Read("vendor/my_utils/macros/shout.sql"), p.Read("dbt_packages/my_utils/macros/shout.sql"));
        Assert.False(File.Exists(Path.Combine(p.Root, "dbt_packages/my_utils/macros/old.sql")), "an earlier copy is replaced");
        Assert.False(Directory.Exists(Path.Combine(p.Root, "dbt_packages/my_utils/target")), "build output is not copied");
        (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal("X", p.Scalar("select loud from main.m"));
    }

    [Fact]
    public void Deps_names_a_package_it_cannot_download_and_fails()
    {
        using var p = new TestProject(Project("packages:\n  - local: vendor/my_utils\n  - package: acme/dbt_widgets\n    version: 1.0.0\n"));
        var (exit, output) = p.Run("deps");
        Assert.Equal(2, exit);
        Assert.Contains("packages.yml(3,5): error NG0072: package 'acme/dbt_widgets' from packages.yml cannot be installed by `ngdbt deps`, which installs `local:` and `git:` packages and has no access to the dbt package hub", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dbt_utils_entry_that_is_not_installed_uses_ngdbts_own_with_a_warning()
    {
        var files = Project("packages:\n  - local: vendor/my_utils\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n");
        files["models/keyed.sql"] = "select {{ dbt_utils.generate_surrogate_key(['1']) }} as sk\n";
        using var p = new TestProject(files);
        var (exit, output) = p.Run("deps");
        Assert.True(exit == 0, output);
        Assert.Contains("packages.yml(3,5): warning NG0073: package 'dbt-labs/dbt_utils' from packages.yml is not installed: using ngdbt's own dbt_utils", output, StringComparison.Ordinal);
        (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Contains("warning NG0073", output, StringComparison.Ordinal);
        Assert.Equal(32, ((string)p.Scalar("select sk from main.keyed")!).Length);
    }

    [Fact]
    public void Deps_without_package_lists_has_nothing_to_install()
    {
        using var p = new TestProject(new Dictionary<string, string> { ["dbt_project.yml"] = "name: shop\nprofile: test\n" });
        var (exit, output) = p.Run("deps");
        Assert.True(exit == 0, output);
        Assert.Contains("Nothing to install", output, StringComparison.Ordinal);
    }
}
