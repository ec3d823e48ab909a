using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>dbt's `{% snapshot %}` blocks (and dbt 1.9 YAML snapshot configs) build ngdbt's SCD type 2 snapshots with
/// dbt's columns and semantics: build, change the source rows, snapshot again, check every history row. Runs once per
/// adapter.</summary>
public abstract class DbtSnapshotBlockTests(TestTarget target)
{
    private const string Before = "id,status,updated_at\n1,trial,2026-01-01 00:00:00\n2,paid,2026-01-01 00:00:00\n";
    private const string After = "id,status,updated_at\n1,paid,2026-02-01 00:00:00\n3,trial,2026-02-01 00:00:00\n";

    private TestProject NewProject(string snapshotPath, string snapshot, string project = "")
        => new(new Dictionary<string, string>
        {
            ["dbt_project.yml"] = "name: shop\nprofile: test\nconfig-version: 2\n" + project,
            ["seeds/customers.csv"] = Before,
            ["seeds/schema.yml"] = "version: 2\nseeds:\n  - name: customers\n    config:\n      column_types: {id: INTEGER, status: VARCHAR, updated_at: TIMESTAMP}\n",
            [snapshotPath] = snapshot,
        }, target: target);

    [Fact]
    public void A_timestamp_snapshot_block_keeps_dbts_history_rows_and_invalidates_hard_deletes()
    {
        using var p = NewProject("snapshots/history.sql", """
            {% snapshot customers_snapshot %}
            {{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at', invalidate_hard_deletes=True) }}
            select * from {{ ref('customers') }}
            {% endsnapshot %}
            """);
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Contains("snapshot snapshots.customers_snapshot", output, StringComparison.Ordinal);
        p.Write("seeds/customers.csv", After);
        Assert.Equal(0, p.Run("seed").Exit);
        (exit, output) = p.Run("snapshot");
        Assert.True(exit == 0, output);

        var rows = History(p, "snapshots.customers_snapshot");
        Assert.Equal(
        [
            "1|trial|2026-01-01 00:00:00|2026-01-01 00:00:00|2026-02-01 00:00:00|" + Md5("1|2026-01-01 00:00:00"),
            "1|paid|2026-02-01 00:00:00|2026-02-01 00:00:00||" + Md5("1|2026-02-01 00:00:00"),
            "2|paid|2026-01-01 00:00:00|2026-01-01 00:00:00|closed|" + Md5("2|2026-01-01 00:00:00"),
            "3|trial|2026-02-01 00:00:00|2026-02-01 00:00:00||" + Md5("3|2026-02-01 00:00:00"),
        ], rows);
    }

    [Fact]
    public void A_check_all_snapshot_block_under_custom_snapshot_paths_builds_into_the_target_schema()
    {
        using var p = NewProject("history/customers.sql", """
            {% snapshot customers_history %}
                {{
                    config(
                      unique_key='id',
                      strategy='check',
                      check_cols='all',
                      hard_deletes='ignore',
                    )
                }}
                select id, status from {{ ref('customers') }}
            {% endsnapshot %}
            """, "snapshot-paths: [\"history\"]\n");
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        p.Write("seeds/customers.csv", After);
        Assert.Equal(0, p.Run("seed").Exit);
        (exit, output) = p.Run("snapshot", "--select", "customers_history");
        Assert.True(exit == 0, output);
        // id 1 changed (closed and re-opened), id 2 was deleted (ignored: stays current), id 3 is new.
        Assert.Equal(4L, Count(p, "select count(*) from main.customers_history"));
        Assert.Equal(3L, Count(p, "select count(*) from main.customers_history where dbt_valid_to is null"));
        Assert.Equal("trial", p.Scalar("select status from main.customers_history where id = 1 and dbt_valid_to is not null"));
        Assert.Equal(1L, Count(p, "select count(*) from main.customers_history where id = 2 and dbt_valid_to is null"));
        // check strategy: dbt_updated_at and dbt_valid_from are the snapshot time, the same for the rows of one run.
        Assert.Equal(0L, Count(p, "select count(*) from main.customers_history where dbt_updated_at <> dbt_valid_from"));
        Assert.Contains("snapshot.shop.customers_history", p.Read("target/manifest.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dbt_1_9_yaml_snapshot_with_hard_deletes_invalidate_closes_deleted_rows()
    {
        using var p = NewProject("snapshots/snapshots.yml", "snapshots:\n  - name: customers_yaml\n    relation: ref('customers')\n    config:\n      unique_key: id\n      strategy: check\n      check_cols: [status]\n      hard_deletes: invalidate\n");
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        p.Write("seeds/customers.csv", After);
        Assert.Equal(0, p.Run("seed").Exit);
        (exit, output) = p.Run("snapshot");
        Assert.True(exit == 0, output);
        Assert.Equal(0L, Count(p, "select count(*) from main.customers_yaml where id = 2 and dbt_valid_to is null"));
        Assert.Equal(1L, Count(p, "select count(*) from main.customers_yaml where id = 2"));
        Assert.Equal(2L, Count(p, "select count(*) from main.customers_yaml where id = 1"));
        Assert.Equal(2L, Count(p, "select count(*) from main.customers_yaml where dbt_valid_to is null"));
    }

    [Fact]
    public void Snapshot_configs_ngdbt_does_not_implement_are_named()
    {
        using var p = NewProject("snapshots/s.sql", """
            {% snapshot s %}
            {{ config(unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record', snapshot_meta_column_names={'dbt_valid_from': 'valid_from'}, target_database='other') }}
            select * from {{ ref('customers') }}
            {% endsnapshot %}
            """);
        var (exit, output) = p.Run("compile");
        Assert.True(exit == 0, output);
        Assert.Matches(@"snapshots[/\\]s\.sql\(1,1\): warning NG0029: snapshot 's': hard_deletes 'new_record' is not implemented", output);
        Assert.Matches(@"snapshots[/\\]s\.sql\(2,\d+\): warning NG0029: config 'snapshot_meta_column_names' is not implemented by ngdbt yet", output);
        Assert.Matches(@"snapshots[/\\]s\.sql\(2,\d+\): warning NG0029: config 'target_database' is not implemented by ngdbt yet", output);
    }

    [Fact]
    public void A_snapshot_block_outside_snapshot_paths_is_an_error()
    {
        using var p = NewProject("models/s.sql", "{% snapshot s %}\nselect 1 as id\n{% endsnapshot %}\n");
        var (exit, output) = p.Run("compile");
        Assert.Equal(2, exit);
        Assert.Matches(@"models[/\\]s\.sql\(1,1\): error NG0120: '\{% snapshot s %\}' is in 'models/s.sql', which is not under snapshot-paths", output);
    }

    private static long Count(TestProject p, string sql) => Convert.ToInt64(p.Scalar(sql), CultureInfo.InvariantCulture);

    /// <summary>id|status|updated_at|dbt_valid_from|dbt_valid_to (empty: current; "closed": closed at snapshot time)|dbt_scd_id, with dbt_updated_at checked equal to updated_at.</summary>
    private static List<string> History(TestProject p, string relation)
    {
        Assert.Equal(0L, Count(p, $"select count(*) from {relation} where dbt_updated_at <> updated_at"));
        return p.Query($"select id, status, cast(updated_at as varchar), cast(dbt_valid_from as varchar), case when dbt_valid_to is null then '' when dbt_valid_to > timestamp '2026-06-01' then 'closed' else cast(dbt_valid_to as varchar) end, dbt_scd_id from {relation} order by id, dbt_valid_from")
            .Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).ToList();
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}

public sealed class DbtSnapshotBlockTestsOnDuckDb() : DbtSnapshotBlockTests(TestTarget.DuckDb);

public sealed class DbtSnapshotBlockTestsOnPostgres() : DbtSnapshotBlockTests(TestTarget.Postgres);
