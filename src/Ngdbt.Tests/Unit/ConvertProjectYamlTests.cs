using Ngdbt.Conversion;
using Ngdbt.Diagnostics;
using Xunit;

namespace Ngdbt.Tests.Unit;

/// <summary>dbt_project.yml → project.yml: kept keys with their comments, renamed dbt spellings, converted hooks, and
/// each key left out named in a warning.</summary>
public sealed class ConvertProjectYamlTests
{
    [Fact]
    public void Keys_hooks_and_comments_carry_over_and_dbt_only_keys_are_named()
    {
        const string dbt = "name: shop   # the shop\nprofile: shop\nrequire-dbt-version: \">=1.5.0\"\non-run-start:\n  - \"{% for s in ['a'] %}select '{{ s | upper }}'{% endfor %}\"\n"
            + "on-run-end:\n  - 'select {{ graph.nodes | length }}'\ndata_tests:\n  +severity: warn\nmodels:\n  shop:\n    +post-hook: \"grant select on {{ this }} to r\"\n    +enabled: \"{{ var('on') }}\"\n";
        var diagnostics = new DiagnosticBag();
        var counts = new List<bool>();

        var yml = ProjectYamlConverter.Convert(dbt, "dbt_project.yml", diagnostics, counts.Add);

        Assert.Equal(
            "# Converted from dbt_project.yml by `ngdbt convert`. Files with '{%' or '{#' are Jinja, the others Scriban.\n"
            + "name: shop   # the shop\nprofile: shop\non-run-start:\n  - \"{{ for s in ['a'] }}select '{{ s | string.upcase }}'{{ end }}\"\n"
            + "on-run-end:\n  - \"{# kept in Jinja #}select {{ graph.nodes | length }}\"\ntests:\n  +severity: warn\nmodels:\n  shop:\n"
            + "    +post_hook: \"grant select on {{ this }} to r\"\n    +enabled: \"{{ var('on') }}\"\ntemplate-language: auto\n", yml);
        Assert.Equal([true, false, true], counts);
        Assert.Equal(
            ["dbt_project.yml(3,1): warning NG0116: dbt_project.yml key 'require-dbt-version' is not carried into project.yml: a native project states require-ngdbt-version instead",
             "dbt_project.yml(7,1): warning NG0115: hook kept in Jinja: 'graph'"],
            diagnostics.ToSortedList().Select(d => d.ToString()));
    }
}
