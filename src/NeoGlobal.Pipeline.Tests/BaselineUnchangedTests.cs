using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using NeoGlobal.DataGen;
using Xunit;

namespace NeoGlobal.Pipeline.Tests;

/// <summary>With none of the real-world shapes injected, the reconciliation is the one from before they existed:
/// every non-perfect record (id, type, detail, status, variance, leakage, in id order) hashes to the golden value
/// recorded with the code before the feature, and so do the counts per class, Total Leakage and the overstatement.
/// Re-record with NEOGLOBAL_ACCEPT=1 only when a change is meant to alter the baseline.</summary>
public sealed class BaselineUnchangedTests
{
    [Fact]
    public void Rate_zero_for_the_new_classes_gives_todays_reconciliation()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        NeoGlobalGenerator.Run(new GeneratorOptions(Path.Combine(project.Root, "data"), Rows: 30_000, Seed: 42, BatchSize: 10_000, Rates: BaselineRates.Rates, Events: 2_000));
        Assert.Equal(0, NeoGlobal.Cli.Program.App().Run(["build", "--project-dir", project.Root, "--threads", "2"]));

        var actual = Describe(project.Warehouse);
        var golden = Path.Combine(NeoGlobalProject.RepositoryRoot(), "src", "NeoGlobal.Pipeline.Tests", "Golden", "baseline-seed42-30k.txt");
        if (Environment.GetEnvironmentVariable("NEOGLOBAL_ACCEPT") == "1")
        {
            File.WriteAllText(golden, actual);
        }

        Assert.Equal(File.ReadAllText(golden), actual);
    }

    private static string Describe(string warehouse)
    {
        using var connection = new DuckDBConnection($"DataSource={warehouse};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var sb = new StringBuilder();
        foreach (var row in Query(connection, """
            select anomaly_type || '/' || anomaly_detail || ' ' || cast(count(*) as varchar)
                   || ' leakage=' || cast(cast(sum(leakage_amount) as decimal(19,4)) as varchar)
            from main_integrity.fct_reconciliation group by anomaly_type, anomaly_detail order by 1
            """))
        {
            sb.Append(row).Append('\n');
        }

        sb.Append("overall ").Append(Query(connection, """
            select 'leakage=' || cast(leakage_usd as varchar) || ' overstatement=' || cast(ledger_overstatement_usd as varchar)
            from main_marts.rpt_leakage_summary where dimension = 'overall'
            """)[0]).Append('\n');
        sb.Append("records ").Append(Query(connection, """
            select md5(string_agg(recon_id || ',' || anomaly_type || ',' || anomaly_detail || ',' || status || ','
                                  || cast(variance as varchar) || ',' || cast(leakage_amount as varchar), '|' order by recon_id))
            from main_integrity.fct_reconciliation where anomaly_type <> 'perfect_match'
            """)[0]).Append('\n');
        return sb.ToString();
    }

    private static List<string> Query(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return rows;
    }
}

/// <summary>Today's anomaly rates with every real-world shape (split, consolidated, refunds, fees, FX, sub-cent) off.</summary>
internal static class BaselineRates
{
    public static AnomalyRates Rates => new AnomalyRates().WithoutShapes();
}
