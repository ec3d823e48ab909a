using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>dbt packages: a `local:` package's macros and generic tests resolve with dbt's namespacing and dispatch
/// order (the root project's override first), and a package that is not installed is an error naming it.</summary>
public sealed class DbtPackagesTests
{
    private static Dictionary<string, string> Project(string packages) => new()
    {
        ["dbt_project.yml"] = "name: shop\nprofile: test\nconfig-version: 2\n",
        ["packages.yml"] = packages,
        ["vendor/my_utils/dbt_project.yml"] = "name: my_utils\nconfig-version: 2\n",
        ["vendor/my_utils/macros/greet.sql"] = """
            {% macro greet(who) %}{{ return(adapter.dispatch('greet', 'my_utils')(who)) }}{% endmacro %}
            {% macro default__greet(who) %}'hello {{ who }}'{% endmacro %}
            {% macro shout(x) %}upper({{ x }}){% endmacro %}
            {% test not_empty(model, column_name) %}select * from {{ model }} where length({{ column_name }}) = 0{% endtest %}
            """,
        ["macros/overrides.sql"] = "{% macro duckdb__greet(who) %}'hi {{ who }} from the project'{% endmacro %}\n",
        ["models/m.sql"] = "select {{ my_utils.greet('ann') }} as greeting, {{ my_utils.shout(\"'x'\") }} as loud, {{ shout(\"'y'\") }} as plain\n",
        ["models/schema.yml"] = "version: 2\nmodels:\n  - name: m\n    columns:\n      - name: greeting\n        tests: [not_empty]\n",
    };

    [Fact]
    public void Local_package_macros_resolve_by_namespace_with_the_projects_dispatch_override_first()
    {
        using var p = new TestProject(Project("packages:\n  - local: vendor/my_utils\n"));
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Contains("PASS test not_empty_m_greeting", output, StringComparison.Ordinal);
        Assert.Equal(["hi ann from the project", "X", "Y"], p.Query("select greeting, loud, plain from main.m")[0]);
    }

    [Fact]
    public void A_package_that_is_not_installed_is_an_error_naming_it()
    {
        using var p = new TestProject(Project("packages:\n  - local: vendor/my_utils\n  - package: calogica/dbt_expectations\n    version: 1.1.1\n"));
        var (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Contains("packages.yml(3,5): error NG0071: package 'calogica/dbt_expectations' from packages.yml is not installed", output, StringComparison.Ordinal);
    }
}
