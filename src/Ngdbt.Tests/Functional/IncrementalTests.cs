using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Runs once per adapter (<see cref="IncrementalTestsOnDuckDb"/>, <see cref="IncrementalTestsOnPostgres"/>).</summary>
public abstract class IncrementalTests(TestTarget target)
{
    private TestProject NewProject(IReadOnlyDictionary<string, string> files, string name = "proj") => new(files, name, target);

    private const string Events = "id,amount,updated_at\n1,10.0000,2026-01-01\n2,20.0000,2026-01-02\n";

    private static Dictionary<string, string> Files(string model) => new()
    {
        ["seeds/events.csv"] = Events,
        ["seeds/schema.yml"] = "seeds:\n  - name: events\n    config:\n      column_types: {id: INTEGER, amount: \"DECIMAL(19,4)\", updated_at: DATE}\n",
        ["models/fct_events.sql"] = model,
    };

    private const string AppendModel = """
        {{ config(materialized: 'incremental') }}
        select id, amount, updated_at from {{ ref('events') }}
        {{ if is_incremental() }}
        where id > (select max(id) from {{ this }})
        {{ end }}
        """;

    [Fact]
    public void Second_run_processes_only_new_rows_and_full_refresh_rebuilds()
    {
        using var p = NewProject(Files(AppendModel));
        Assert.Equal(0, p.Run("build").Exit);
        Assert.Equal(2L, p.Scalar("select count(*) from main.fct_events"));

        p.Write("seeds/events.csv", Events + "3,30.0000,2026-01-03\n4,40.0000,2026-01-04\n");
        Assert.Equal(0, p.Run("seed").Exit);
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.True(output.Contains("[INSERT 2 in", StringComparison.Ordinal), output);
        Assert.Equal(4L, p.Scalar("select count(*) from main.fct_events"));
        Assert.Contains("where id > (select max(id) from \"main\".\"fct_events\")", p.Read("target/compiled/proj/models/fct_events.sql"), StringComparison.Ordinal);

        // A change the incremental filter cannot see is only picked up by --full-refresh.
        p.Write("seeds/events.csv", "id,amount,updated_at\n1,11.0000,2026-01-01\n");
        Assert.Equal(0, p.Run("seed").Exit);
        Assert.Equal(0, p.Run("run").Exit);
        Assert.Equal(4L, p.Scalar("select count(*) from main.fct_events"));
        (exit, output) = p.Run("run", "--full-refresh");
        Assert.True(exit == 0, output);
        Assert.Equal(1L, p.Scalar("select count(*) from main.fct_events"));
        Assert.Equal(11.0000m, p.Scalar("select amount from main.fct_events"));
    }

    [Theory]
    [InlineData("ignore", "id,amount,updated_at", 4L)]
    [InlineData("append_new_columns", "id,amount,updated_at,note", 4L)]
    [InlineData("sync_all_columns", "id,amount,note", 4L)]
    [InlineData("fail", "", 2L)]
    public void On_schema_change_decides_what_a_changed_query_does_to_the_table(string mode, string columns, long rows)
    {
        using var p = NewProject(Files(AppendModel));
        Assert.Equal(0, p.Run("build").Exit);
        p.Write("seeds/events.csv", Events + "3,30.0000,2026-01-03\n4,40.0000,2026-01-04\n");
        Assert.Equal(0, p.Run("seed").Exit);
        var changed = mode == "sync_all_columns" ? "select id, amount, 'new' as note from" : "select id, amount, updated_at, 'new' as note from";
        p.Write("models/fct_events.sql", AppendModel
            .Replace("config(materialized: 'incremental')", $"config(materialized: 'incremental', on_schema_change: '{mode}')", StringComparison.Ordinal)
            .Replace("select id, amount, updated_at from", changed, StringComparison.Ordinal));
        var (exit, output) = p.Run("run");
        if (mode == "fail")
        {
            Assert.Equal(1, exit);
            Assert.Contains("on_schema_change is 'fail' and the columns changed (new: note; missing: none)", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(exit == 0, output);
            Assert.Equal(columns, string.Join(",", p.Query("select column_name from information_schema.columns where table_name = 'fct_events' order by ordinal_position").Select(r => (string)r[0]!)));
        }

        Assert.Equal(rows, p.Scalar("select count(*) from main.fct_events"));
    }

    [Fact]
    public void Full_refresh_false_protects_a_model_from_the_flag_and_true_always_rebuilds()
    {
        using var p = NewProject(Files(AppendModel.Replace("config(materialized: 'incremental')", "config(materialized: 'incremental', full_refresh: false)", StringComparison.Ordinal)));
        Assert.Equal(0, p.Run("build").Exit);
        p.Write("seeds/events.csv", "id,amount,updated_at\n9,90.0000,2026-01-09\n");
        Assert.Equal(0, p.Run("seed").Exit);
        var (exit, output) = p.Run("run", "--full-refresh");
        Assert.True(exit == 0, output);
        Assert.Equal(3L, p.Scalar("select count(*) from main.fct_events"));

        p.Write("models/fct_events.sql", AppendModel.Replace("config(materialized: 'incremental')", "config(materialized: 'incremental', full_refresh: true)", StringComparison.Ordinal));
        (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal(1L, p.Scalar("select count(*) from main.fct_events"));
    }

    [Theory]
    [InlineData("merge")]
    [InlineData("delete+insert")]
    public void Unique_key_strategies_update_changed_rows(string strategy)
    {
        var model = $$$"""
            {{ config(materialized: 'incremental', unique_key: 'id', incremental_strategy: '{{{strategy}}}') }}
            select id, amount, updated_at from {{ ref('events') }}
            {{ if is_incremental() }}
            where updated_at >= (select max(updated_at) from {{ this }})
            {{ end }}
            """;
        using var p = NewProject(Files(model));
        Assert.Equal(0, p.Run("build").Exit);
        p.Write("seeds/events.csv", "id,amount,updated_at\n1,10.0000,2026-01-01\n2,25.5000,2026-01-05\n3,30.0000,2026-01-05\n");
        Assert.Equal(0, p.Run("seed").Exit);
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal(3L, p.Scalar("select count(*) from main.fct_events"));
        Assert.Equal(25.5000m, p.Scalar("select amount from main.fct_events where id = 2"));
        Assert.Equal(1L, p.Scalar("select count(*) from main.fct_events where id = 2"));
    }

    [Fact]
    public void A_view_becoming_incremental_is_built_in_full_first()
    {
        using var p = NewProject(Files("select id, amount, updated_at from {{ ref('events') }}\n"));
        Assert.Equal(0, p.Run("build").Exit);
        Assert.Equal("VIEW", p.Scalar("select table_type from information_schema.tables where table_name = 'fct_events'"));
        p.Write("models/fct_events.sql", AppendModel);
        var (exit, output) = p.Run("run");
        Assert.True(exit == 0, output);
        Assert.Equal("BASE TABLE", p.Scalar("select table_type from information_schema.tables where table_name = 'fct_events'"));
        Assert.Equal(2L, p.Scalar("select count(*) from main.fct_events"));
    }
}

public sealed class IncrementalTestsOnDuckDb() : IncrementalTests(TestTarget.DuckDb);

public sealed class IncrementalTestsOnPostgres() : IncrementalTests(TestTarget.Postgres);
