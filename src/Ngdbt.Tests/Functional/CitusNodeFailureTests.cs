using System.Diagnostics;
using Npgsql;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>A Citus worker or the coordinator dies in the middle of a build: the build stops with exit 1 and an error
/// naming the node (host:port), the tables of the previous build are intact, and once the node is back the rerun
/// completes. Each test has a cluster of its own (it breaks it). The kill happens at a known point: the rebuilt
/// model's pre-hook waits on an advisory lock the test holds; the test sees it waiting, kills the node, releases.</summary>
public sealed class CitusNodeFailureTests
{
    private const int LockKey = 4242;

    private static TestProject Project(CitusCluster cluster, string schema) => new(new Dictionary<string, string>
    {
        ["project.yml"] = "name: cit\nprofile: test\nmodels:\n  cit:\n    +materialized: table\n",
        ["profiles.yml"] = $"test:\n  target: dev\n  outputs:\n    dev:\n      type: citus\n      host: 127.0.0.1\n      port: {cluster.Port}\n      user: postgres\n      dbname: postgres\n      schema: {schema}\n      shard_count: 8\n      threads: 1\n",
        ["models/base.sql"] = "{{ config(distributed_by: 'k') }}\nselect cast(g as text) as k, cast(g as decimal(19,4)) as amount from generate_series(1, 200) as g\n",
        ["models/blocked.sql"] = Blocked(1),
    });

    private static string Blocked(int factor) =>
        $"{{{{ config(distributed_by: 'k', pre_hook: \"select pg_advisory_xact_lock({LockKey})\") }}}}\nselect k, amount * {factor} as amount from {{{{ ref('base') }}}}\n";

    [Fact]
    public void A_killed_worker_mid_build_names_the_worker_exits_1_and_keeps_the_previous_tables()
    {
        using var cluster = CitusCluster.StartPrivate();
        var worker = cluster.Port + 1;
        KillMidBuild(cluster, worker, $"connection to the remote node postgres@127.0.0.1:{worker} failed");
    }

    [Fact]
    public void A_killed_coordinator_mid_build_names_the_coordinator_exits_1_and_keeps_the_previous_tables()
    {
        using var cluster = CitusCluster.StartPrivate();
        KillMidBuild(cluster, cluster.Port, $"lost the connection to the coordinator 127.0.0.1:{cluster.Port} (the server closed the connection)");
    }

    private static void KillMidBuild(CitusCluster cluster, int victim, string expectedNode)
    {
        var schema = "c_" + Guid.NewGuid().ToString("N")[..10];
        using var p = Project(cluster, schema);
        var (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        var before = Fingerprint(cluster, schema);
        Assert.Equal("200|20100.0000", before[..before.IndexOf('|', 4)]);

        p.Write("models/blocked.sql", Blocked(2));
        var holder = Open(cluster);
        using (var take = new NpgsqlCommand($"select pg_advisory_lock({LockKey})", holder))
        {
            take.ExecuteNonQuery();
        }

        var build = Task.Run(() => p.Run("run", "-s", "blocked"));
        WaitUntilTheBuildWaitsOnTheLock(cluster, build);
        cluster.Kill(victim);
        // Releasing the lock lets the build go on against the dead node (a dead coordinator released it already).
        holder.Dispose();
        Assert.True(build.Wait(TimeSpan.FromMinutes(2)), "the build did not end after the node died");
        (exit, output) = build.Result;

        Assert.True(exit == 1, output);
        Assert.True(output.Contains(expectedNode, StringComparison.Ordinal), output);
        Assert.True(output.Contains("previous relation is intact", StringComparison.Ordinal), output);
        Assert.True(output.Contains("ERROR=1", StringComparison.Ordinal), output);

        cluster.Restart(victim);
        Assert.Equal(before, Fingerprint(cluster, schema));
        (exit, output) = p.Run("build");
        Assert.True(exit == 0, output);
        Assert.StartsWith("200|40200.0000", Fingerprint(cluster, schema), StringComparison.Ordinal);
    }

    /// <summary>Polls pg_locks (a state the server reports, not a timed guess) until the build's pre-hook waits on the
    /// test's advisory lock; fails if the build ends first or nothing waits within a minute.</summary>
    private static void WaitUntilTheBuildWaitsOnTheLock(CitusCluster cluster, Task<(int Exit, string Output)> build)
    {
        using var probe = Open(cluster);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            Assert.False(build.IsCompleted, build.IsCompleted ? build.Result.Output : null);
            using var cmd = new NpgsqlCommand($"select count(*) from pg_locks where locktype = 'advisory' and objid = {LockKey} and not granted", probe);
            if ((long)cmd.ExecuteScalar()! > 0)
            {
                return;
            }

            build.Wait(TimeSpan.FromMilliseconds(50));
        }

        Assert.Fail("the build never waited on the advisory lock");
    }

    /// <summary>Row count, amount total and a digest of every row of `blocked`, then of `base`.</summary>
    private static string Fingerprint(CitusCluster cluster, string schema)
    {
        using var connection = Open(cluster);
        var parts = new List<string>();
        foreach (var table in new[] { "blocked", "base" })
        {
            using var cmd = new NpgsqlCommand($"select count(*), sum(amount), md5(string_agg(k || ':' || amount, ',' order by k)) from {schema}.{table}", connection);
            using var reader = cmd.ExecuteReader();
            reader.Read();
            parts.Add(string.Join('|', reader.GetInt64(0), reader.GetDecimal(1).ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetString(2)));
        }

        return string.Join('|', parts);
    }

    private static NpgsqlConnection Open(CitusCluster cluster)
    {
        var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={cluster.Port};Username=postgres;Database=postgres;Pooling=false");
        connection.Open();
        return connection;
    }
}
