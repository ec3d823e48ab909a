using MathNet.Numerics.Distributions;

namespace NeoGlobal.DataGen.Synthesis;

/// <summary>
/// One numeric column's marginal. <c>Family</c>: <c>normal</c> (mu, sigma), <c>lognormal</c> (mu, sigma of ln x),
/// <c>beta</c> (a, b on [Lower, Upper]), <c>truncnorm</c> (mu, sigma truncated to [Lower, Upper]) or
/// <c>empirical</c> (<c>Quantiles</c>: evenly spaced quantiles, linear in between) or <c>kaplan_meier</c> (the same,
/// estimated from right-censored lags; parameter: the censored share). <c>Ks</c> is the chosen
/// form's KS statistic against the sample, <c>Candidates</c> every candidate's.
/// </summary>
internal sealed record MarginalModel(
    string Family,
    double[] Parameters,
    double Lower,
    double Upper,
    double[]? Quantiles,
    double Ks,
    IReadOnlyDictionary<string, double> Candidates);

/// <summary>CDF and quantile function of a <see cref="MarginalModel"/> (MathNet.Numerics distributions).</summary>
internal static class Marginals
{
    public static double Cdf(MarginalModel m, double x) => m.Family switch
    {
        "normal" => Normal.CDF(m.Parameters[0], m.Parameters[1], x),
        "lognormal" => x <= 0 ? 0 : LogNormal.CDF(m.Parameters[0], m.Parameters[1], x),
        "beta" => x <= m.Lower ? 0 : x >= m.Upper ? 1 : Beta.CDF(m.Parameters[0], m.Parameters[1], (x - m.Lower) / (m.Upper - m.Lower)),
        "truncnorm" => TruncCdf(m, x),
        "empirical" or "kaplan_meier" => EmpiricalCdf(m.Quantiles!, x),
        _ => throw new SynthesisException($"unknown marginal family '{m.Family}'"),
    };

    public static double Quantile(MarginalModel m, double p) => m.Family switch
    {
        "normal" => Normal.InvCDF(m.Parameters[0], m.Parameters[1], p),
        "lognormal" => LogNormal.InvCDF(m.Parameters[0], m.Parameters[1], p),
        "beta" => m.Lower + (m.Upper - m.Lower) * Beta.InvCDF(m.Parameters[0], m.Parameters[1], p),
        "truncnorm" => TruncQuantile(m, p),
        "empirical" or "kaplan_meier" => Interpolate(m.Quantiles!, p),
        _ => throw new SynthesisException($"unknown marginal family '{m.Family}'"),
    };

    /// <summary>
    /// A dense quantile table for fast sampling (parametric inverse CDFs such as Beta's are root finders):
    /// <paramref name="size"/> points at p = (i + 0.5) / size, read back by <see cref="Interpolate"/>.
    /// Empirical marginals are already tables. Values are clamped to [Lower, Upper], the sample's range (or the
    /// period for timestamps), like SDV's default <c>enforce_min_max_values</c>.
    /// </summary>
    public static double[] Table(MarginalModel m, int size = 8192)
    {
        if (m.Family is "empirical" or "kaplan_meier")
        {
            return m.Quantiles!;
        }

        var table = new double[size];
        for (var i = 0; i < size; i++)
        {
            table[i] = Math.Clamp(Quantile(m, (i + 0.5) / size), m.Lower, m.Upper);
        }

        return table;
    }

    /// <summary>Linear interpolation in an evenly spaced quantile table covering p in [0, 1].</summary>
    public static double Interpolate(double[] q, double p)
    {
        var h = Math.Clamp(p, 0, 1) * (q.Length - 1);
        var i = Math.Min((int)h, q.Length - 2);
        return q[i] + (h - i) * (q[i + 1] - q[i]);
    }

    private static double EmpiricalCdf(double[] q, double x)
    {
        if (x < q[0])
        {
            return 0;
        }

        if (x >= q[^1])
        {
            return 1;
        }

        // Last grid point <= x, then linear inside the step (flat runs are atoms: take their upper end).
        int lo = 0, hi = q.Length - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (q[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        var frac = q[hi] > q[lo] ? (x - q[lo]) / (q[hi] - q[lo]) : 0;
        return (lo + frac) / (q.Length - 1);
    }

    private static double TruncCdf(MarginalModel m, double x)
    {
        if (x <= m.Lower)
        {
            return 0;
        }

        if (x >= m.Upper)
        {
            return 1;
        }

        var (mu, sigma) = (m.Parameters[0], m.Parameters[1]);
        var a = Normal.CDF(mu, sigma, m.Lower);
        var b = Normal.CDF(mu, sigma, m.Upper);
        return (Normal.CDF(mu, sigma, x) - a) / (b - a);
    }

    private static double TruncQuantile(MarginalModel m, double p)
    {
        var (mu, sigma) = (m.Parameters[0], m.Parameters[1]);
        var a = Normal.CDF(mu, sigma, m.Lower);
        var b = Normal.CDF(mu, sigma, m.Upper);
        return Math.Clamp(Normal.InvCDF(mu, sigma, a + p * (b - a)), m.Lower, m.Upper);
    }
}
