using DuckDB.NET.Data;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional.State;

/// <summary>`--defer --state prev`: a ref to a parent that is neither selected nor built in this target reads the
/// state's relation (another DuckDB file, attached read-only; another schema of the same PostgreSQL database).
/// Runs once per adapter (<see cref="DeferTestsOnDuckDb"/>, <see cref="DeferTestsOnPostgres"/>).</summary>
public abstract class DeferTests(TestTarget target)
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["models/parent.sql"] = "{{ config(materialized: 'table') }}\nselect 1 as id, '{{ target.name }}' as built_in",
        ["models/child.sql"] = "{{ config(materialized: 'table') }}\nselect id, built_in from {{ ref('parent') }}",
    };

    /// <summary>The project with a second output `ci` (another DuckDB file, or schema `ci` of the same PostgreSQL
    /// database); everything built on `dev` (the state), its target/ kept as prev/.</summary>
    private TestProject Baseline()
    {
        var p = WithCiTarget(Files, target);
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        StateSelectionTests.CopyDir(Path.Combine(p.Root, "target"), Path.Combine(p.Root, "prev"));
        return p;
    }

    /// <summary>A project whose profile has a second output `ci`: another DuckDB file, or schema `ci` of the same
    /// PostgreSQL database.</summary>
    internal static TestProject WithCiTarget(IReadOnlyDictionary<string, string> files, TestTarget target)
    {
        var p = new TestProject(files, target: target);
        var profiles = p.Read("profiles.yml");
        var dev = profiles[(profiles.IndexOf("    dev:\n", StringComparison.Ordinal) + "    dev:\n".Length)..];
        p.Write("profiles.yml", profiles + "    ci:\n" + dev.Replace("warehouse/test.duckdb", "warehouse/ci.duckdb", StringComparison.Ordinal).Replace("schema: main", "schema: ci", StringComparison.Ordinal));
        return p;
    }

    private List<object?[]> QueryCi(TestProject p, string sql)
    {
        if (target == TestTarget.Postgres)
        {
            return p.Query(sql.Replace("ci_db.", string.Empty, StringComparison.Ordinal));
        }

        using var connection = new DuckDBConnection($"DataSource={Path.Combine(p.Root, "warehouse", "ci.duckdb")};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql.Replace("ci_db.", string.Empty, StringComparison.Ordinal);
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }

        return rows;
    }

    private string CiSchema => target == TestTarget.Postgres ? "ci" : "main";

    [Fact]
    public void Unselected_parent_resolves_to_the_state_relation()
    {
        using var p = Baseline();
        p.Write("models/child.sql", "{{ config(materialized: 'table') }}\nselect id, built_in, 2 as version from {{ ref('parent') }}");
        var prev = Path.Combine(p.Root, "prev");

        // Without --defer the parent is missing from the ci target.
        var (exit, output) = p.Run("build", "-s", "state:modified", "--state", prev, "--target", "ci");
        Assert.True(exit == 1, output);

        (exit, output) = p.Run("build", "-s", "state:modified", "--defer", "--state", prev, "--target", "ci");
        Assert.True(exit == 0, output);
        Assert.Contains($"model {CiSchema}.child", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"model {CiSchema}.parent", output, StringComparison.Ordinal);
        var rows = QueryCi(p, $"select id, built_in, version from {CiSchema}.child");
        Assert.Equal("dev", Assert.Single(rows)[1]);
        Assert.Empty(QueryCi(p, $"select table_name from information_schema.tables where table_schema = '{CiSchema}' and table_name = 'parent'"));
    }

    [Fact]
    public void A_parent_built_in_this_target_wins_unless_favor_state()
    {
        using var p = Baseline();
        var prev = Path.Combine(p.Root, "prev");
        Assert.Equal(0, p.Run("run", "-s", "parent", "--target", "ci").Exit);

        var (exit, output) = p.Run("run", "-s", "child", "--defer", "--state", prev, "--target", "ci");
        Assert.True(exit == 0, output);
        Assert.Equal("ci", QueryCi(p, $"select built_in from {CiSchema}.child").Single()[0]);

        (exit, output) = p.Run("run", "-s", "child", "--defer", "--favor-state", "--state", prev, "--target", "ci");
        Assert.True(exit == 0, output);
        Assert.Equal("dev", QueryCi(p, $"select built_in from {CiSchema}.child").Single()[0]);
    }

    [Fact]
    public void Defer_without_state_is_an_error()
    {
        using var p = new TestProject(Files, target: target);
        var (exit, output) = p.Run("run", "--defer");
        Assert.Equal(2, exit);
        Assert.Contains("error NG0101: --defer reads the relations of a previous run", output, StringComparison.Ordinal);
    }
}

public sealed class DeferTestsOnDuckDb() : DeferTests(TestTarget.DuckDb);

public sealed class DeferTestsOnPostgres() : DeferTests(TestTarget.Postgres);
