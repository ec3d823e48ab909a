using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace NeoGlobal.DataGen.Synthesis;

/// <summary>
/// Chooses a numeric column's marginal the way SDV's Gaussian copula does: fit every candidate form
/// (normal, log-normal, beta and truncated normal on the column's support), score each by its one-sample
/// Kolmogorov-Smirnov statistic, and keep the best parametric form if the KS test does not reject it at
/// the 5% level (D ≤ 1.358 / √n); otherwise the empirical quantiles (which reproduce atoms such as list
/// prices exactly). Estimation: MathNet's maximum likelihood for normal and log-normal, moments for beta and
/// the truncated normal.
/// </summary>
internal static class MarginalFitter
{
    public const int EmpiricalPoints = 2001;

    public static MarginalModel Fit(double[] values, double? lower = null, double? upper = null)
    {
        if (values.Length == 0)
        {
            throw new SynthesisException("cannot fit a marginal to an empty column");
        }

        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        var lo = Math.Min(lower ?? sorted[0], sorted[0]);
        var hi = Math.Max(upper ?? sorted[^1], sorted[^1]);
        var quantiles = EmpiricalQuantiles(sorted);
        var empirical = new MarginalModel("empirical", [], lo, hi, quantiles, 0, new Dictionary<string, double>());
        var candidates = new Dictionary<string, double>(StringComparer.Ordinal);
        var mean = sorted.Mean();
        var sd = sorted.StandardDeviation();
        if (!(sd > 0) || hi <= lo)
        {
            return empirical with { Ks = Ks(sorted, x => Marginals.Cdf(empirical, x)), Candidates = candidates };
        }

        var forms = new List<MarginalModel>();
        var normal = Normal.Estimate(sorted);
        forms.Add(new MarginalModel("normal", [normal.Mean, normal.StdDev], lo, hi, null, 0, candidates));
        if (sorted[0] > 0)
        {
            var logNormal = LogNormal.Estimate(sorted);
            forms.Add(new MarginalModel("lognormal", [logNormal.Mu, logNormal.Sigma], lo, hi, null, 0, candidates));
        }

        var m = (mean - lo) / (hi - lo);
        var v = sd * sd / ((hi - lo) * (hi - lo));
        var common = m * (1 - m) / v - 1;
        if (common > 0)
        {
            forms.Add(new MarginalModel("beta", [m * common, (1 - m) * common], lo, hi, null, 0, candidates));
        }

        forms.Add(new MarginalModel("truncnorm", [mean, sd], lo, hi, null, 0, candidates));

        MarginalModel? best = null;
        foreach (var form in forms)
        {
            var d = Ks(sorted, x => Marginals.Cdf(form, x));
            candidates[form.Family] = Math.Round(d, 6);
            if (best is null || d < best.Ks)
            {
                best = form with { Ks = d };
            }
        }

        var empiricalKs = Ks(sorted, x => Marginals.Cdf(empirical, x));
        candidates["empirical"] = Math.Round(empiricalKs, 6);
        var critical = 1.358 / Math.Sqrt(sorted.Length);
        return best is not null && best.Ks <= critical
            ? best with { Ks = Math.Round(best.Ks, 6) }
            : empirical with { Ks = Math.Round(empiricalKs, 6), Candidates = candidates };
    }

    /// <summary>Type-7 quantiles at p = i / (EmpiricalPoints - 1) (MathNet's sorted-array quantile).</summary>
    private static double[] EmpiricalQuantiles(double[] sorted)
    {
        var q = new double[EmpiricalPoints];
        for (var i = 0; i < q.Length; i++)
        {
            q[i] = SortedArrayStatistics.QuantileCustom(sorted, (double)i / (q.Length - 1), QuantileDefinition.R7);
        }

        return q;
    }

    /// <summary>One-sample KS statistic sup |F(x) − F_n(x)|, evaluated at each distinct value (ties handled).</summary>
    public static double Ks(double[] sorted, Func<double, double> cdf)
    {
        var n = sorted.Length;
        var d = 0.0;
        var i = 0;
        while (i < n)
        {
            var x = sorted[i];
            var below = (double)i / n;
            while (i < n && sorted[i] == x)
            {
                i++;
            }

            // Compare F(x) with F_n(x) and the left limit F(x−) with F_n(x−) (they differ at atoms).
            d = Math.Max(d, Math.Max(Math.Abs(cdf(x) - (double)i / n), Math.Abs(cdf(Math.BitDecrement(x)) - below)));
        }

        return d;
    }
}
