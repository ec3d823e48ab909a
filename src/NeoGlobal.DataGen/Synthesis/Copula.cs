using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace NeoGlobal.DataGen.Synthesis;

/// <summary>
/// Gaussian-copula dependence: every column becomes normal scores z = Φ⁻¹(u) (numeric columns through
/// mid-ranks, categorical columns through SDV's frequency encoding: category k maps to a uniform point
/// inside its cumulative-frequency interval), and the dependence is the Pearson correlation of the scores.
/// Missing scores (NaN: e.g. the amount of fixed-price rows) are left out pairwise.
/// </summary>
internal static class Copula
{
    /// <summary>Normal scores of a numeric column from mid-ranks: u = (rank − ½) / n, ties share their mean rank.</summary>
    public static double[] RankScores(double[] values)
    {
        var n = values.Length;
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort((double[])values.Clone(), order);
        var z = new double[n];
        var i = 0;
        while (i < n)
        {
            var j = i;
            while (j < n && values[order[j]] == values[order[i]])
            {
                j++;
            }

            var score = Normal.InvCDF(0, 1, (i + j) / 2.0 / n);
            for (var k = i; k < j; k++)
            {
                z[order[k]] = score;
            }

            i = j;
        }

        return z;
    }

    /// <summary>Frequency-encoded normal scores of a categorical column (deterministic jitter from <paramref name="rng"/>).</summary>
    public static double[] CategoricalScores(string[] column, CategoricalModel model, FastRng rng)
    {
        var cumulative = model.Cumulative();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < model.Values.Length; k++)
        {
            index[model.Values[k]] = k;
        }

        return column.Select(v =>
        {
            var k = index[v];
            return Normal.InvCDF(0, 1, cumulative[k] + (cumulative[k + 1] - cumulative[k]) * rng.NextDouble());
        }).ToArray();
    }

    /// <summary>Pairwise-complete Pearson correlation of score columns (MathNet), diagonal 1.</summary>
    public static double[][] Correlation(IReadOnlyList<double[]> scores)
    {
        var d = scores.Count;
        var r = new double[d][];
        for (var a = 0; a < d; a++)
        {
            r[a] = new double[d];
            r[a][a] = 1;
            for (var b = 0; b < a; b++)
            {
                var (x, y) = Complete(scores[a], scores[b]);
                var rho = x.Length > 2 ? MathNet.Numerics.Statistics.Correlation.Pearson(x, y) : 0;
                r[a][b] = double.IsFinite(rho) ? Math.Round(rho, 6) : 0;
            }
        }

        for (var a = 0; a < d; a++)
        {
            for (var b = a + 1; b < d; b++)
            {
                r[a][b] = r[b][a];
            }
        }

        return r;
    }

    /// <summary>
    /// Lower Cholesky factor of the correlation matrix. Pairwise correlations need not be positive definite;
    /// then the off-diagonal is shrunk towards 0 (×0.95 per step) until MathNet's factorisation succeeds.
    /// </summary>
    public static double[][] Cholesky(double[][] correlation)
    {
        var d = correlation.Length;
        for (var shrink = 1.0; ; shrink *= 0.95)
        {
            var m = Matrix<double>.Build.Dense(d, d, (i, j) => i == j ? 1 : correlation[i][j] * shrink);
            try
            {
                var l = m.Cholesky().Factor;
                return Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(j => l[i, j]).ToArray()).ToArray();
            }
            catch (ArgumentException) when (shrink > 1e-3)
            {
                // Not positive definite: shrink and retry.
            }
        }
    }

    private static (double[] X, double[] Y) Complete(double[] a, double[] b)
    {
        var keep = Enumerable.Range(0, a.Length).Where(i => !double.IsNaN(a[i]) && !double.IsNaN(b[i])).ToArray();
        return (keep.Select(i => a[i]).ToArray(), keep.Select(i => b[i]).ToArray());
    }

    /// <summary>Largest absolute difference between two correlation matrices.</summary>
    public static double MaxAbsDifference(double[][] a, double[][] b) =>
        a.SelectMany((row, i) => row.Select((v, j) => Math.Abs(v - b[i][j]))).Max();
}
