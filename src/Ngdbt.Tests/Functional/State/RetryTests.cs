using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional.State;

/// <summary>`ngdbt retry` re-runs only the failed and skipped nodes of the last invocation, with its verb and flags.</summary>
public sealed class RetryTests
{
    private static Dictionary<string, string> Files() => new()
    {
        ["models/ok.sql"] = "select 1 as id",
        ["models/broken.sql"] = "select id, no_such_column from {{ ref('ok') }}",
        ["models/after_broken.sql"] = "select id from {{ ref('broken') }}",
        ["models/independent.sql"] = "select 2 as id",
        ["models/schema.yml"] = "models:\n  - name: independent\n    columns:\n      - name: id\n        tests: [not_null]\n",
    };

    [Fact]
    public void Retry_reruns_only_failed_and_skipped_nodes_with_the_previous_verb_and_flags()
    {
        using var p = new TestProject(Files());
        var (exit, output) = p.Run("build", "--vars", "{label: x}");
        Assert.True(exit == 1, output);
        Assert.Contains("SKIP=1", output, StringComparison.Ordinal);

        p.Write("models/broken.sql", "select id, '{{ var('label') }}' as label from {{ ref('ok') }}");
        (exit, output) = p.Run("retry");
        Assert.True(exit == 0, output);
        Assert.Contains("Retrying 2 failed or skipped nodes of 'build --vars {label: x}'", output, StringComparison.Ordinal);
        Assert.Contains("view model main.broken", output, StringComparison.Ordinal);
        Assert.Contains("view model main.after_broken", output, StringComparison.Ordinal);
        Assert.DoesNotContain("main.ok", output, StringComparison.Ordinal);
        Assert.DoesNotContain("main.independent", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not_null", output, StringComparison.Ordinal);
        Assert.Contains("TOTAL=2", output, StringComparison.Ordinal);
        // The retried run used the recorded --vars.
        Assert.Equal("x", p.Scalar("select label from main.broken"));

        (exit, output) = p.Run("retry");
        Assert.True(exit == 0, output);
        Assert.Contains("Nothing to retry", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_keeps_the_verb_a_failed_test_reruns_as_a_test_only()
    {
        using var p = new TestProject(new Dictionary<string, string>
        {
            ["models/m.sql"] = "select cast(null as integer) as id",
            ["models/n.sql"] = "select 1 as id",
            ["models/schema.yml"] = "models:\n  - name: m\n    columns:\n      - name: id\n        tests: [not_null]\n  - name: n\n    columns:\n      - name: id\n        tests: [not_null]\n",
        });
        Assert.Equal(0, p.Run("run").Exit);
        var (exit, output) = p.Run("test");
        Assert.True(exit == 1, output);

        // The model is fixed in its file but `retry` of a `test` does not build it: the same test fails again, alone.
        p.Write("models/m.sql", "select 1 as id");
        (exit, output) = p.Run("retry");
        Assert.True(exit == 1, output);
        Assert.Contains("not_null_m_id", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not_null_n_id", output, StringComparison.Ordinal);
        Assert.Contains("TOTAL=1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_without_a_previous_run_is_an_error()
    {
        using var p = new TestProject(Files());
        var (exit, output) = p.Run("retry");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0104: no run_results.json", output, StringComparison.Ordinal);
    }
}
