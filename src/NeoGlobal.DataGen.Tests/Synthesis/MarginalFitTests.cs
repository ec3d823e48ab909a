using MathNet.Numerics.Distributions;
using NeoGlobal.DataGen.Synthesis;

namespace NeoGlobal.DataGen.Tests.Synthesis;

/// <summary>Data drawn from known distributions: the fitter picks the right form and recovers its parameters.</summary>
public sealed class MarginalFitTests
{
    private const int N = 50_000;

    [Fact]
    public void NormalDataIsFittedAsNormalWithinTolerance()
    {
        var data = Normal.Samples(new Random(1), 50, 8).Take(N).ToArray();
        var m = MarginalFitter.Fit(data);
        Assert.Equal("normal", m.Family);
        Assert.InRange(m.Parameters[0], 49.8, 50.2);   // mean ± 0.2 (SE 0.036)
        Assert.InRange(m.Parameters[1], 7.85, 8.15);   // sd ± 0.15
    }

    [Fact]
    public void LogNormalDataIsFittedAsLogNormalWithinTolerance()
    {
        var data = LogNormal.Samples(new Random(2), 4, 0.6).Take(N).ToArray();
        var m = MarginalFitter.Fit(data, lower: 0);
        Assert.Equal("lognormal", m.Family);
        Assert.InRange(m.Parameters[0], 3.98, 4.02);   // mu ± 0.02
        Assert.InRange(m.Parameters[1], 0.59, 0.61);   // sigma ± 0.01
    }

    [Fact]
    public void BetaDataOnAKnownSupportIsFittedAsBetaWithinTolerance()
    {
        var data = Beta.Samples(new Random(3), 2, 5).Take(N).Select(x => 100 + 900 * x).ToArray();
        var m = MarginalFitter.Fit(data, lower: 100, upper: 1000);
        Assert.Equal("beta", m.Family);
        Assert.InRange(m.Parameters[0], 1.9, 2.1);     // a ± 5%
        Assert.InRange(m.Parameters[1], 4.75, 5.25);   // b ± 5%
        Assert.Equal(100, m.Lower);
        Assert.Equal(1000, m.Upper);
    }

    [Fact]
    public void PricesWithAtomsFallBackToEmpiricalAndReproduceTheAtoms()
    {
        var rng = new Random(4);
        var data = Enumerable.Range(0, N).Select(_ => rng.Next(10) < 6 ? 4_900.0 : 1_000 + rng.Next(50_000)).ToArray();
        var m = MarginalFitter.Fit(data, lower: 1);
        Assert.Equal("empirical", m.Family);
        Assert.True(m.Candidates["normal"] > 0.1, "a normal cannot fit a 60% atom");
        var table = Marginals.Table(m);
        var atom = Enumerable.Range(0, 10_000).Count(i => Marginals.Interpolate(table, (i + 0.5) / 10_000) == 4_900.0) / 10_000.0;
        Assert.InRange(atom, 0.59, 0.61);
    }

    [Fact]
    public void QuantileInvertsCdfForEveryFamily()
    {
        var data = LogNormal.Samples(new Random(5), 2, 0.5).Take(5_000).ToArray();
        var m = MarginalFitter.Fit(data, lower: 0);
        foreach (var family in new[] { "normal", "lognormal", "beta", "truncnorm" })
        {
            var form = m with { Family = family, Parameters = family == "beta" ? [2, 3] : [Math.Log(8), 0.5] };
            if (family is "normal" or "truncnorm")
            {
                form = form with { Parameters = [8, 3] };
            }

            foreach (var p in new[] { 0.1, 0.5, 0.9 })
            {
                Assert.Equal(p, Marginals.Cdf(form, Marginals.Quantile(form, p)), 6);
            }
        }
    }

    [Fact]
    public void KsStatisticOfTheTrueCdfIsSmallAndOfAShiftedOneLarge()
    {
        var data = Normal.Samples(new Random(6), 0, 1).Take(N).ToArray();
        Array.Sort(data);
        Assert.True(MarginalFitter.Ks(data, x => Normal.CDF(0, 1, x)) < 0.01);
        Assert.InRange(MarginalFitter.Ks(data, x => Normal.CDF(0.5, 1, x)), 0.18, 0.22);   // Φ(0.25) − Φ(−0.25) = 0.197
    }
}
