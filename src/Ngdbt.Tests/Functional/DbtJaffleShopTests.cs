using System.Globalization;
using Ngdbt.Tests.Support;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>Acceptance: dbt-labs/jaffle_shop_duckdb (vendored unchanged under Fixtures/dbt) builds with `ngdbt build`,
/// and its tables hold what its seed CSVs imply. The expected figures are computed here from the CSVs.</summary>
public sealed class DbtJaffleShopTests
{
    private static string FixtureDir => Path.Combine(GoldenFile.SourceDir(), "Fixtures", "dbt", "jaffle_shop_duckdb");

    private static Dictionary<string, string> FixtureFiles() => Directory.EnumerateFiles(FixtureDir, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(FixtureDir, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    private static List<string[]> Csv(string name) => [.. File.ReadAllLines(Path.Combine(FixtureDir, "seeds", name)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    [Fact]
    public void Jaffle_shop_builds_unchanged_with_every_test_green_and_the_totals_its_seeds_imply()
    {
        using var p = new TestProject(FixtureFiles());
        p.DatabasePath = Path.Combine(p.Root, "jaffle_shop.duckdb");
        Assert.False(File.Exists(Path.Combine(p.Root, "project.yml")));

        var (exit, output) = p.Run("build");

        Assert.True(exit == 0, output);
        Assert.Contains("Done. PASS=28 WARN=0 ERROR=0 SKIP=0 TOTAL=28", output, StringComparison.Ordinal);
        Assert.DoesNotContain(": error ", output, StringComparison.Ordinal);

        var customers = Csv("raw_customers.csv");
        var orders = Csv("raw_orders.csv");
        var payments = Csv("raw_payments.csv");
        Assert.Equal((long)customers.Count, Convert.ToInt64(p.Scalar("select count(*) from main.customers"), CultureInfo.InvariantCulture));
        Assert.Equal((long)orders.Count, Convert.ToInt64(p.Scalar("select count(*) from main.orders"), CultureInfo.InvariantCulture));
        Assert.Equal((long)payments.Count, Convert.ToInt64(p.Scalar("select count(*) from main.stg_payments"), CultureInfo.InvariantCulture));

        // Amounts are cents in the seed; the models divide by 100. Totals in exact decimals, per payment method too.
        decimal Dollars(IEnumerable<string[]> rows) => rows.Sum(r => decimal.Parse(r[3], CultureInfo.InvariantCulture)) / 100m;
        Assert.Equal(Dollars(payments), (decimal)p.Scalar("select cast(round(sum(amount), 2) as decimal(19,2)) from main.orders")!);
        foreach (var method in new[] { "credit_card", "coupon", "bank_transfer", "gift_card" })
        {
            Assert.Equal(Dollars(payments.Where(r => r[2] == method)), (decimal)p.Scalar($"select cast(round(sum({method}_amount), 2) as decimal(19,2)) from main.orders")!);
        }

        // Customer lifetime value is the sum of the payments of their orders; number_of_orders counts raw orders.
        var orderCustomer = orders.ToDictionary(o => o[0], o => o[1]);
        var expectedClv = payments.Where(pm => orderCustomer.ContainsKey(pm[1])).GroupBy(pm => orderCustomer[pm[1]]).ToDictionary(g => long.Parse(g.Key, CultureInfo.InvariantCulture), g => Dollars(g));
        var actualClv = p.Query("select customer_id, cast(round(customer_lifetime_value, 2) as decimal(19,2)) from main.customers where customer_lifetime_value is not null")
            .ToDictionary(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture), r => (decimal)r[1]!);
        Assert.Equal(expectedClv.OrderBy(kv => kv.Key), actualClv.OrderBy(kv => kv.Key));
        var expectedOrders = orders.GroupBy(o => o[1]).ToDictionary(g => long.Parse(g.Key, CultureInfo.InvariantCulture), g => (long)g.Count());
        var actualOrders = p.Query("select customer_id, number_of_orders from main.customers where number_of_orders is not null")
            .ToDictionary(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture), r => Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
        Assert.Equal(expectedOrders.OrderBy(kv => kv.Key), actualOrders.OrderBy(kv => kv.Key));

        // dbt_project.yml's folder configs: staging is views, the rest tables.
        Assert.Equal("VIEW", p.Scalar("select table_type from information_schema.tables where table_name = 'stg_orders'"));
        Assert.Equal("BASE TABLE", p.Scalar("select table_type from information_schema.tables where table_name = 'orders'"));
    }
}
