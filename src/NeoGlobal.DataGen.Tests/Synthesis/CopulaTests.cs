using MathNet.Numerics.Distributions;
using NeoGlobal.DataGen.Synthesis;

namespace NeoGlobal.DataGen.Tests.Synthesis;

public sealed class CopulaTests
{
    [Fact]
    public void NormalScoreCorrelationIsRecoveredThroughNonNormalMarginals()
    {
        // z2 = rho z1 + sqrt(1 - rho^2) e: Gaussian dependence, then log-normal and beta marginals on top.
        const double rho = 0.6;
        var rng = new Random(11);
        var z1 = Normal.Samples(rng, 0, 1).Take(40_000).ToArray();
        var e = Normal.Samples(rng, 0, 1).Take(40_000).ToArray();
        var x = z1.Select(z => Math.Exp(3 + 0.8 * z)).ToArray();
        var y = z1.Select((z, i) => Beta.InvCDF(2, 5, Normal.CDF(0, 1, rho * z + Math.Sqrt(1 - rho * rho) * e[i]))).ToArray();
        var r = Copula.Correlation([Copula.RankScores(x), Copula.RankScores(y)]);
        Assert.InRange(r[0][1], rho - 0.02, rho + 0.02);
        Assert.Equal(r[0][1], r[1][0]);
        Assert.Equal(1, r[0][0]);
    }

    [Fact]
    public void TiedValuesShareOneScoreAndMissingValuesAreLeftOutPairwise()
    {
        var z = Copula.RankScores([5, 1, 5, 3]);
        Assert.Equal(z[0], z[2]);
        Assert.True(z[1] < z[3] && z[3] < z[0]);
        var r = Copula.Correlation([[1, 2, 3, 4, 5], [2, 4, double.NaN, 8, 10]]);
        Assert.Equal(1, r[0][1], 6);
    }

    [Fact]
    public void CholeskyRepairsAMatrixThatIsNotPositiveDefinite()
    {
        double[][] bad = [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]];
        var l = Copula.Cholesky(bad);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, Enumerable.Range(0, 3).Sum(k => l[i][k] * l[i][k]), 9);   // unit diagonal kept
        }

        Assert.True(l[0][1] == 0 && l[0][2] == 0 && l[1][2] == 0, "lower triangular");
        Assert.Equal(0.9, Copula.Cholesky([[1, 0.9], [0.9, 1]])[1][0], 9);   // a valid matrix is not shrunk
    }

    [Fact]
    public void FrequencyEncodingDecodesBackToTheSameCategory()
    {
        var column = Enumerable.Repeat("a", 70).Concat(Enumerable.Repeat("b", 20)).Concat(Enumerable.Repeat("c", 10)).ToArray();
        var model = CategoricalModel.Fit(column);
        Assert.Equal(["a", "b", "c"], model.Values);
        Assert.Equal(0.7, model.Probabilities[0], 9);
        var scores = Copula.CategoricalScores(column, model, new FastRng(1, 2, 3));
        var cumulative = model.Cumulative();
        var decoded = scores.Select(s => model.Values[CategoricalModel.Decode(cumulative, Normal.CDF(0, 1, s))]);
        Assert.Equal(column, decoded);
    }
}
