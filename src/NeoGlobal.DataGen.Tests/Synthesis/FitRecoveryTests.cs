using MathNet.Numerics.Distributions;
using NeoGlobal.DataGen.Synthesis;

namespace NeoGlobal.DataGen.Tests.Synthesis;

/// <summary>A sample with known structure goes through the whole fit, and sampling from the model gives it back.</summary>
public sealed class FitRecoveryTests
{
    private const double Rho = 0.5;

    /// <summary>2025 uniformly; 30% invoices; half fixed-price plan_a ($49), half usage with log-normal(9, 0.7) cents;
    /// posting lag normal(3600 s, 600 s), correlated (rho 0.5 in normal scores) with the usage amount.</summary>
    internal static SampleTable KnownSample(int n, int seed)
    {
        var rng = new Random(seed);
        var t = new SampleTable(n);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var year = 365L * 86_400;
        for (var i = 0; i < n; i++)
        {
            var usage = rng.Next(2) == 0;
            var z1 = Normal.Sample(rng, 0, 1);
            var z2 = Rho * z1 + Math.Sqrt(1 - Rho * Rho) * Normal.Sample(rng, 0, 1);
            t.Id[i] = "ch_" + i.ToString("D24", System.Globalization.CultureInfo.InvariantCulture);
            t.Object[i] = rng.Next(10) < 3 ? "invoice" : "charge";
            t.CustomerId[i] = "cus_" + rng.Next(1_000_000).ToString("D14", System.Globalization.CultureInfo.InvariantCulture);
            t.PlanId[i] = usage ? "usage_api" : "plan_a";
            t.ProductLine[i] = usage ? "usage" : "subscription";
            t.Description[i] = usage ? "API calls" : "Plan A";
            t.AmountCents[i] = usage ? (long)Math.Round(Math.Exp(9 + 0.7 * z1)) : 4_900;
            t.CreatedUnix[i] = start + (long)(rng.NextDouble() * year);
            t.LagSeconds[i] = (long)Math.Round(3_600 + 600 * (usage ? z2 : Normal.Sample(rng, 0, 1)));
            t.Reference[i] = "SO-" + (i + 1).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        }

        return t;
    }

    [Fact]
    public void FitRecoversMarginalsFrequenciesPricesAndCorrelation()
    {
        var model = Synthesizer.FitTable(KnownSample(60_000, 21), "known", 0);
        Assert.Equal(new DateOnly(2025, 1, 1), model.PeriodStart);
        Assert.Equal(12, model.Months);
        Assert.Equal("lognormal", model.Amount.Family);
        Assert.InRange(model.Amount.Parameters[0], 8.98, 9.02);      // mu ± 0.02
        Assert.InRange(model.Amount.Parameters[1], 0.69, 0.71);      // sigma ± 0.01
        Assert.Contains(model.PostingLag.Family, new[] { "normal", "truncnorm" });
        Assert.InRange(model.PostingLag.Parameters[0], 3_590, 3_610);  // mean ± 10 s
        Assert.InRange(model.PostingLag.Parameters[1], 590, 610);      // sd ± 10 s
        Assert.Contains(model.Created.Family, new[] { "beta", "truncnorm" });
        Assert.InRange(model.Object.Probabilities[Array.IndexOf(model.Object.Values, "invoice")], 0.29, 0.31);
        Assert.Equal(4_900, model.Plans.Single(p => p.PlanId == "plan_a").FixedPriceCents);
        Assert.Null(model.Plans.Single(p => p.PlanId == "usage_api").FixedPriceCents);
        Assert.InRange(model.Correlation[3][4], Rho - 0.03, Rho + 0.03);   // amount vs lag, normal scores
        Assert.InRange(model.Correlation[0][3], -0.03, 0.03);              // created independent of amount
        Assert.Equal("SO-", model.Reference.Prefix);
        Assert.True(model.Reference.Sequential);
    }

    [Fact]
    public void SamplingTheModelReproducesTheCorrelationAndExactPrices()
    {
        var model = Synthesizer.FitTable(KnownSample(60_000, 22), "known", 0);
        var synthetic = RowSetup.FromModel(new GeneratorOptions(Rows: 200_000, Seed: 3, Events: 0), model).Collect();
        var usage = Enumerable.Range(0, synthetic.Count).Where(i => synthetic.PlanId[i] == "usage_api").ToArray();
        var r = Copula.Correlation([
            Copula.RankScores(usage.Select(i => (double)synthetic.AmountCents[i]).ToArray()),
            Copula.RankScores(usage.Select(i => (double)synthetic.LagSeconds[i]).ToArray())]);
        Assert.InRange(r[0][1], Rho - 0.04, Rho + 0.04);
        Assert.All(Enumerable.Range(0, synthetic.Count).Where(i => synthetic.PlanId[i] == "plan_a"), i => Assert.Equal(4_900, synthetic.AmountCents[i]));
        Assert.InRange(usage.Length / (double)synthetic.Count, 0.49, 0.51);
        var created = synthetic.CreatedUnix;
        Assert.True(created.Zip(created.Skip(1)).All(p => p.First <= p.Second), "created rises with the row number");
    }
}

public sealed class CustomerActivityTests
{
    [Theory]
    [InlineData(true, 0.19)]    // min of two uniforms: density 2(1 − x), the top 10% of customers bill 1 − 0.9² = 19%
    [InlineData(false, 0.10)]   // every customer equally active
    public void TheSamplesCustomerConcentrationIsReproducedInThePool(bool skewed, double topTenShare)
    {
        var sample = FitRecoveryTests.KnownSample(60_000, 41);
        var rng = new Random(3);
        for (var i = 0; i < sample.Count; i++)
        {
            var c = skewed ? Math.Min(rng.Next(500), rng.Next(500)) : rng.Next(500);
            sample.CustomerId[i] = "cus_" + c.ToString("D14", System.Globalization.CultureInfo.InvariantCulture);
        }

        var model = Synthesizer.FitTable(sample, "activity", 0);
        var measured = TopTenShare(sample.CustomerId);
        Assert.InRange(measured, topTenShare - 0.02, topTenShare + 0.02);
        var synthetic = RowSetup.FromModel(new GeneratorOptions(Rows: 300_000, Seed: 4, Events: 0), model).Collect();
        Assert.InRange(TopTenShare(synthetic.CustomerId), measured - 0.01, measured + 0.01);
    }

    /// <summary>Share of rows billed to the most active 10% of the customers that appear.</summary>
    private static double TopTenShare(string[] customers)
    {
        var counts = customers.GroupBy(c => c).Select(g => g.Count()).OrderDescending().ToArray();
        return counts.Take(counts.Length / 10).Sum() / (double)customers.Length;
    }
}
