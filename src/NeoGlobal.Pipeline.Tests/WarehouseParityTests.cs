using System.Globalization;
using Ngdbt.Tests.Support;
using Xunit;

namespace NeoGlobal.Pipeline.Tests;

/// <summary>The unchanged NeoGlobal project on embedded DuckDB and on a real PostgreSQL server, from the same generated
/// data: identical fct_reconciliation and rpt_leakage_summary (row count, an order-independent hash of every value,
/// exact decimal sums), and Total Leakage equal to the generator's ground truth to the cent on both.</summary>
public sealed class WarehouseParityTests
{
    [Fact]
    public void DuckDb_and_PostgreSQL_give_identical_reconciliations()
    {
        using var project = NeoGlobalProject.CopyToTemp();
        var database = PostgresServer.Instance.CreateDatabase();
        File.AppendAllText(Path.Combine(project.Root, "profiles.yml"), $"""

                pg:
                  type: postgres
                  host: 127.0.0.1
                  port: {PostgresServer.Instance.Port}
                  user: postgres
                  dbname: {database}
                  schema: main
                  threads: 2
            """);
        var (generate, generated) = Run("generate", "--rows", "6000", "--batch-size", "2000", "--seed", "11", "--project-dir", project.Root);
        Assert.True(generate == 0, generated);
        var expected = decimal.Parse(System.Text.RegularExpressions.Regex.Match(generated, @"expected Total Leakage \$([0-9,]+\.[0-9]{4})").Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

        var fingerprints = new Dictionary<string, string>();
        foreach (var target in new[] { "dev", "pg" })
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
    }

    private static (int Exit, string Output) Run(params string[] args) => NeoGlobalCliTests.Run(args);
}
