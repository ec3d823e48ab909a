using System.Globalization;
using Ngdbt.Tests.Support;
using Xunit;

namespace NeoGlobal.Pipeline.Tests;

/// <summary>The unchanged NeoGlobal project on embedded DuckDB, on a real PostgreSQL server and on a 3-node Citus cluster
/// (32 shards; the big relations distributed by recon_key and co-located, the small ones reference tables), from the same generated data:
/// identical fct_reconciliation and rpt_leakage_summary (row count, an order-independent hash of every value, exact
/// decimal sums), and Total Leakage equal to the generator's ground truth to the cent on each.</summary>
public sealed class WarehouseParityTests
{
    [Fact]
    public void DuckDb_PostgreSQL_and_Citus_give_identical_reconciliations()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        var database = PostgresServer.Instance.CreateDatabase();
        // Citus keeps its metadata in the `postgres` database: this run builds into schemas of its own there.
        var citusSchema = "ng" + Guid.NewGuid().ToString("N")[..8];
        File.AppendAllText(Path.Combine(project.Root, "profiles.yml"), $"""

                pg:
                  type: postgres
                  host: 127.0.0.1
                  port: {PostgresServer.Instance.Port}
                  user: postgres
                  dbname: {database}
                  schema: main
                  threads: 2
                citus:
                  type: citus
                  host: 127.0.0.1
                  port: {CitusCluster.Instance.Port}
                  user: postgres
                  dbname: postgres
                  schema: {citusSchema}
                  shard_count: 32
                  threads: 2
            """);
        var (generate, generated) = Run("generate", "--rows", "6000", "--batch-size", "2000", "--seed", "11", "--project-dir", project.Root);
        Assert.True(generate == 0, generated);
        var expected = decimal.Parse(System.Text.RegularExpressions.Regex.Match(generated, @"expected Total Leakage \$([0-9,]+\.[0-9]{4})").Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

        var fingerprints = new Dictionary<string, string>();
        foreach (var target in new[] { "dev", "pg", "citus" })
        {
            var (build, built) = Run("build", "--project-dir", project.Root, "--target", target);
            Assert.True(build == 0, built);
            Assert.Contains("ERROR=0 SKIP=0", built, StringComparison.Ordinal);
            var (exit, printed) = Run("fingerprint", "--project-dir", project.Root, "--target", target, "-s", "fct_reconciliation", "rpt_leakage_summary");
            Assert.True(exit == 0, printed);
            fingerprints[target] = string.Join('\n', printed.Split('\n').Select(l => l.Length > 10 && l[2] == ':' ? l[10..] : l).Where(l => l.Contains("rows=", StringComparison.Ordinal)));
            var leakage = System.Text.RegularExpressions.Regex.Match(printed, @"rpt_leakage_summary: .*sum\(leakage_usd\)=([0-9.]+)");
            Assert.True(leakage.Success, printed);
            // The summary holds the overall row plus one row per anomaly type, month and account: each sums to the total.
            Assert.Equal(expected * 4, decimal.Parse(leakage.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        Assert.Contains("fct_reconciliation: rows=", fingerprints["dev"], StringComparison.Ordinal);
        Assert.Equal(fingerprints["dev"], fingerprints["pg"]);
        Assert.Equal(fingerprints["dev"], fingerprints["citus"]);

        // Placement from the models' citus-scoped configs: the big relations hash-distributed by recon_key in one
        // co-location group of 32 shards, the small ones (chart of accounts, the ladder's leftovers) reference tables.
        var placement = Citus($"select logicalrelid::text, partmethod::text, colocationid from pg_dist_partition where logicalrelid::text like '{citusSchema}%' order by 1")
            .ToDictionary(r => ((string)r[0]!)[(citusSchema.Length + 1)..], r => (Method: (string)r[1]!, Group: Convert.ToInt64(r[2], CultureInfo.InvariantCulture)));
        string[] big = ["staging.stg_stripe", "staging.stg_netsuite", "integrity.int_erp_postings", "integrity.int_split_ids", "integrity.int_recon_matches", "integrity.fct_reconciliation"];
        Assert.All(big, t => Assert.Equal("h", placement[t].Method));
        Assert.Single(big.Select(t => placement[t].Group).Distinct());
        string[] small = ["reference.chart_of_accounts", "integrity.int_unmatched_billing", "integrity.int_unmatched_erp", "integrity.int_fuzzy_matches", "integrity.int_review_queue", "integrity.int_consolidated_matches", "integrity.int_billing_notes", "integrity.int_erp_notes"];
        Assert.All(small, t => Assert.Equal("n", placement[t].Method));

        // The ladder's id rungs and the fact table run co-located: their SELECT, as the adapter runs it, is one
        // distributed query over the 32 shards; no CTE or subquery is computed first and pulled to the coordinator.
        foreach (var model in new[] { "int_erp_postings", "int_split_ids", "int_recon_matches", "int_unmatched_billing", "int_unmatched_erp", "fct_reconciliation" })
        {
            var plan = Explain(project.Root, model, "select * from (\n{0}\n) as ngdbt_src");
            Assert.StartsWith("Custom Scan (Citus Adaptive)", plan, StringComparison.Ordinal);
            Assert.Contains("Task Count: 32", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Distributed Subplan", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("intermediate_result", plan, StringComparison.Ordinal);
        }

        // ... and the fact table is filled shard by shard: the INSERT ... SELECT is pushed down whole (a pull to the
        // coordinator or a repartition would show an INSERT/SELECT method).
        var insert = Explain(project.Root, "fct_reconciliation", $"insert into {citusSchema}_integrity.fct_reconciliation select * from (\n{{0}}\n) as ngdbt_src");
        Assert.StartsWith("Custom Scan (Citus Adaptive)", insert, StringComparison.Ordinal);
        Assert.Contains("Task Count: 32", insert, StringComparison.Ordinal);
        Assert.DoesNotContain("INSERT/SELECT method", insert, StringComparison.Ordinal);
    }

    private static string Explain(string root, string model, string shape)
    {
        var compiled = File.ReadAllText(Path.Combine(root, "target", "compiled", "neoglobal", "models", model.StartsWith("stg_", StringComparison.Ordinal) ? "staging" : "integrity", model + ".sql"));
        return string.Join('\n', Citus("explain " + string.Format(CultureInfo.InvariantCulture, shape, compiled)).Select(r => (string)r[0]!));
    }

    private static List<object?[]> Citus(string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={CitusCluster.Instance.Port};Username=postgres;Database=postgres;Pooling=false");
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add([.. row.Select(v => v is DBNull ? null : (object?)v)]);
        }

        return rows;
    }

    private static (int Exit, string Output) Run(params string[] args) => NeoGlobalCliTests.Run(args);
}
