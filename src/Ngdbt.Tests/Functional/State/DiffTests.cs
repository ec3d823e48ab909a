using System.Text.Json;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional.State;

/// <summary>`ngdbt diff`: a model in the `ci` target against the state's build (`--state prev`) or another target
/// (`--against dev`), on its unique key. Runs once per adapter (<see cref="DiffTestsOnDuckDb"/>, <see cref="DiffTestsOnPostgres"/>).</summary>
public abstract class DiffTests(TestTarget target)
{
    private const string Before = """
        {{ config(materialized: 'table', unique_key: 'id') }}
        select * from (values
          (1, 'a', cast(12345678901234.5678 as decimal(19,4)), 1, 'x'),
          (2, 'b', cast(20.2000 as decimal(19,4)), 2, 'x'),
          (3, 'c', cast(30.3000 as decimal(19,4)), 3, 'x'),
          (4, 'd', cast(40.0000 as decimal(19,4)), 4, 'x')
        ) as t (id, status, amount, qty, old_col)
        """;

    private const string After = """
        {{ config(materialized: 'table', unique_key: 'id') }}
        select id, status, amount, cast(qty as bigint) as qty, 'n' as note from (values
          (1, 'a', cast(12345678901234.5678 as decimal(19,4)), 1),
          (2, 'b', cast(20.2500 as decimal(19,4)), 2),
          (3, 'C', cast(30.3000 as decimal(19,4)), 3),
          (5, 'e', cast(50.0001 as decimal(19,4)), 5)
        ) as t (id, status, amount, qty)
        """;

    /// <summary>`Before` built on dev (the state, kept as prev/), `After` built on ci.</summary>
    private TestProject Built(string? after = After)
    {
        var p = DeferTests.WithCiTarget(new Dictionary<string, string> { ["models/fct.sql"] = Before }, target);
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        StateSelectionTests.CopyDir(Path.Combine(p.Root, "target"), Path.Combine(p.Root, "prev"));
        p.Write("models/fct.sql", after ?? Before);
        (exit, output) = p.Run("build", "--target", "ci");
        Assert.True(exit == 0, output);
        return p;
    }

    private static JsonElement Json(string output) => JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;

    [Fact]
    public void Diff_against_state_reports_schema_rows_columns_and_exact_money_sums()
    {
        using var p = Built();
        var (exit, output) = p.Run("diff", "fct", "--state", Path.Combine(p.Root, "prev"), "--target", "ci", "--output", "json");
        Assert.True(exit == 0, output);
        var j = Json(output);
        Assert.True(j.GetProperty("different").GetBoolean());
        Assert.Equal(["note"], j.GetProperty("schema").GetProperty("added").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["old_col"], j.GetProperty("schema").GetProperty("removed").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var changed = Assert.Single(j.GetProperty("schema").GetProperty("type_changed").EnumerateArray());
        Assert.Equal("qty", changed.GetProperty("name").GetString());
        Assert.Equal("BIGINT", changed.GetProperty("right_type").GetString());
        var rows = j.GetProperty("rows");
        Assert.Equal(4, rows.GetProperty("left").GetInt64());
        Assert.Equal(4, rows.GetProperty("right").GetInt64());
        Assert.Equal(1, rows.GetProperty("only_left").GetInt64());
        Assert.Equal(1, rows.GetProperty("only_right").GetInt64());
        Assert.Equal(3, rows.GetProperty("on_both").GetInt64());
        Assert.Equal(2, rows.GetProperty("changed").GetInt64());
        var columns = j.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("differing").GetInt64());
        Assert.Equal(1, columns["amount"]);
        Assert.Equal(1, columns["status"]);
        Assert.Equal(0, columns["qty"]);
        var money = Assert.Single(j.GetProperty("money").EnumerateArray());
        Assert.Equal("amount", money.GetProperty("name").GetString());
        Assert.Equal(12345678901325.0678m, money.GetProperty("left_total").GetDecimal());
        Assert.Equal(12345678901335.1179m, money.GetProperty("right_total").GetDecimal());
        Assert.Equal(10.0501m, money.GetProperty("total_delta").GetDecimal());
        Assert.Equal(0.0500m, money.GetProperty("delta_on_both").GetDecimal());
        var sides = j.GetProperty("sample").EnumerateArray().Select(s => $"{s.GetProperty("side").GetString()}:{s.GetProperty("key")[0].GetString()}").ToList();
        Assert.Equal(["changed:2", "changed:3", "only_left:4", "only_right:5"], sides);
    }

    [Fact]
    public void Text_report_tolerance_and_fail_on_diff()
    {
        using var p = Built();
        var (exit, output) = p.Run("diff", "fct", "--state", Path.Combine(p.Root, "prev"), "--target", "ci", "--fail-on-diff");
        Assert.True(exit == 1, output);
        Assert.Contains("  + note VARCHAR", output, StringComparison.Ordinal);
        Assert.Contains("  - old_col VARCHAR", output, StringComparison.Ordinal);
        Assert.Contains("only left 1, only right 1, on both 3, changed 2", output, StringComparison.Ordinal);
        Assert.Contains("10.0501", output, StringComparison.Ordinal);
        Assert.Contains("amount: 20.2000 -> 20.2500", output, StringComparison.Ordinal);
        Assert.Contains("result: DIFFERENT", output, StringComparison.Ordinal);

        // Within the tolerance the amount change is no change; the status change still is.
        (exit, output) = p.Run("diff", "fct", "--state", Path.Combine(p.Root, "prev"), "--target", "ci", "--tolerance", "0.05", "--output", "json");
        Assert.True(exit == 0, output);
        Assert.Equal(1, Json(output).GetProperty("rows").GetProperty("changed").GetInt64());
    }

    [Fact]
    public void Identical_builds_compared_across_targets_pass_fail_on_diff()
    {
        using var p = Built(after: null);
        var (exit, output) = p.Run("diff", "fct", "--target", "ci", "--against", "dev", "--fail-on-diff");
        Assert.True(exit == 0, output);
        Assert.Contains("only left 0, only right 0, on both 4, changed 0", output, StringComparison.Ordinal);
        Assert.Contains("result: IDENTICAL", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_column_is_an_error()
    {
        using var p = Built();
        var (exit, output) = p.Run("diff", "fct", "--state", Path.Combine(p.Root, "prev"), "--target", "ci", "--key", "qty,note");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0105: key column 'note' is not in both relations", output, StringComparison.Ordinal);
    }
}

public sealed class DiffTestsOnDuckDb() : DiffTests(TestTarget.DuckDb);

public sealed class DiffTestsOnPostgres() : DiffTests(TestTarget.Postgres);
