using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>`type: citus` on a real 3-node cluster (32 shards): `distributed_by`, `colocate_with` and `reference` place
/// the new table inside the atomic swap, a full outer join of co-located tables runs on the workers (Citus Adaptive over
/// every shard, nothing pulled to the coordinator), and a failed rebuild leaves the distributed table intact.</summary>
public sealed class CitusTests
{
    private static TestProject Project(string schema) => new(new Dictionary<string, string>
    {
        ["project.yml"] = "name: cit\nprofile: test\nmodels:\n  cit:\n    +materialized: table\n",
        ["profiles.yml"] = $"test:\n  target: dev\n  outputs:\n    dev:\n      type: citus\n      host: 127.0.0.1\n      port: {CitusCluster.Instance.Port}\n      user: postgres\n      dbname: postgres\n      schema: {schema}\n      shard_count: 32\n      threads: 2\n",
        ["seeds/codes.csv"] = "code,label\nA,alpha\nB,beta\n",
        ["seeds/schema.yml"] = "seeds:\n  - name: codes\n    config: {reference: true}\n",
        ["models/left_side.sql"] = "{{ config(distributed_by: 'k') }}\nselect cast(g as text) as k, case when g % 2 = 0 then 'A' else 'B' end as code, cast(g as decimal(19,4)) as amount from generate_series(1, 1000) as g\n",
        ["models/right_side.sql"] = "{{ config(distributed_by: 'k', colocate_with: 'left_side') }}\nselect cast(g as text) as k, cast(g * 2 as decimal(19,4)) as amount from generate_series(500, 1500) as g\n",
        ["models/joined.sql"] = "{{ config(citus: {distributed_by: 'k'}, duckdb: {materialized: 'view'}) }}\nselect coalesce(l.k, r.k) as k, l.amount as left_amount, r.amount as right_amount, c.label\nfrom {{ ref('left_side') }} as l\nfull outer join {{ ref('right_side') }} as r on r.k = l.k\nleft join {{ ref('codes') }} as c on c.code = l.code\n",
    });

    [Fact]
    public void Configs_place_tables_and_a_co_located_full_outer_join_runs_on_the_workers()
    {
        var schema = "c_" + Guid.NewGuid().ToString("N")[..10];
        using var p = Project(schema);
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        var placement = Query(p, $"select logicalrelid::text, partmethod::text, colocationid from pg_dist_partition where logicalrelid::text like '{schema}.%' order by 1");
        Assert.Equal([$"{schema}.codes", $"{schema}.joined", $"{schema}.left_side", $"{schema}.right_side"], placement.Select(r => (string)r[0]!));
        Assert.Equal(["n", "h", "h", "h"], placement.Select(r => (string)r[1]!));
        Assert.Single(placement.Skip(1).Select(r => r[2]).Distinct());
        Assert.Equal(32L, Query(p, $"select count(*) from pg_dist_shard where logicalrelid = '{schema}.joined'::regclass")[0][0]);
        Assert.Equal([1500L, 500L], Query(p, $"select count(*), count(label) filter (where label = 'alpha') from {schema}.joined")[0].Select(v => (object?)Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));

        var compiled = p.Read("target/compiled/cit/models/joined.sql");
        var plan = string.Join('\n', Query(p, "explain " + compiled).Select(r => (string)r[0]!));
        Assert.Contains("Custom Scan (Citus Adaptive)", plan, StringComparison.Ordinal);
        Assert.Contains("Task Count: 32", plan, StringComparison.Ordinal);
        Assert.Contains("Hash Full Join", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Distributed Subplan", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("repartition", plan, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_query_error_of_the_cluster_is_reported_in_its_words_not_as_a_lost_connection()
    {
        var schema = "c_" + Guid.NewGuid().ToString("N")[..10];
        using var p = Project(schema);
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        // A subplan (the CTE with a LIMIT) whose result passes a tiny intermediate-result cap: Citus refuses the query.
        p.Write("models/capped.sql", "{{ config(materialized: 'table', pre_hook: \"set local citus.max_intermediate_result_size = '1kB'\") }}\nwith firsts as (select * from {{ ref('left_side') }} order by k limit 900)\nselect f.k, r.amount from firsts as f join {{ ref('right_side') }} as r on r.k = f.k\n");
        (exit, output) = p.Run("run", "-s", "capped");
        Assert.Equal(1, exit);
        Assert.Contains("intermediate result size exceeds citus.max_intermediate_result_size", output, StringComparison.Ordinal);
        Assert.DoesNotContain("lost the connection", output, StringComparison.Ordinal);
        (exit, output) = p.Run("run", "-s", "left_side");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void A_failed_rebuild_leaves_the_distributed_table_intact_and_the_rerun_completes()
    {
        var schema = "c_" + Guid.NewGuid().ToString("N")[..10];
        using var p = Project(schema);
        Assert.Equal(0, p.Run("build").Exit);
        p.Write("models/left_side.sql", "{{ config(distributed_by: 'k') }}\nselect cast(g as text) as k, 'A' as code, cast(1 / (g - 10) as decimal(19,4)) as amount from generate_series(1, 20) as g\n");
        var (exit, output) = p.Run("run", "-s", "left_side");
        Assert.Equal(1, exit);
        Assert.Contains("division by zero", output, StringComparison.Ordinal);
        Assert.Equal(1000L, Query(p, $"select count(*) from {schema}.left_side")[0][0]);
        Assert.Equal("h", Query(p, $"select partmethod::text from pg_dist_partition where logicalrelid = '{schema}.left_side'::regclass")[0][0]);
        p.Write("models/left_side.sql", "{{ config(distributed_by: 'k') }}\nselect cast(g as text) as k, 'A' as code, cast(g as decimal(19,4)) as amount from generate_series(1, 20) as g\n");
        (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.Equal(20L, Query(p, $"select count(*) from {schema}.left_side")[0][0]);
    }

    /// <summary>Citus keeps its metadata in the `postgres` database, so every test works in a schema of its own there.</summary>
    private static List<object?[]> Query(TestProject p, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={CitusCluster.Instance.Port};Username=postgres;Database=postgres;Pooling=false");
        connection.Open();
        using var cmd = new Npgsql.NpgsqlCommand(sql, connection);
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add([.. row.Select(v => v is DBNull ? null : (object?)v)]);
        }

        _ = p;
        return rows;
    }
}
