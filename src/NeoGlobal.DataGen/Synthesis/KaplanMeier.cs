namespace NeoGlobal.DataGen.Synthesis;

/// <summary>
/// The posting lag under the same-day rule is right-censored: a line posted at the day's last second
/// (23:59:59) had a longer raw lag that the rule cut off. Fitting those observed lags and clamping again
/// when sampling would cut twice, so the raw lag is estimated with the Kaplan-Meier product-limit estimator
/// (censored rows count as "at least this long") and stored as empirical quantiles (family
/// <c>kaplan_meier</c>); sampling then clamps once, like the source did.
/// </summary>
internal static class KaplanMeier
{
    /// <summary>Lines posted at 23:59:59 UTC of their billing day.</summary>
    public static bool[] CensoredAtDayEnd(SampleTable t) =>
        Enumerable.Range(0, t.Count).Select(i => (t.CreatedUnix[i] + t.LagSeconds[i]) % 86_400 == 86_399).ToArray();

    public static MarginalModel Fit(double[] lags, bool[] censored)
    {
        var order = Enumerable.Range(0, lags.Length).OrderBy(i => lags[i]).ThenBy(i => censored[i]).ToArray();
        var times = new List<double>();
        var cdf = new List<double>();
        var survival = 1.0;
        var atRisk = lags.Length;
        var k = 0;
        while (k < order.Length)
        {
            var t = lags[order[k]];
            int events = 0, leaving = 0;
            while (k < order.Length && lags[order[k]] == t)
            {
                events += censored[order[k]] ? 0 : 1;
                leaving++;
                k++;
            }

            if (events > 0)
            {
                survival *= 1 - (double)events / atRisk;
                times.Add(t);
                cdf.Add(1 - survival);
            }

            atRisk -= leaving;
        }

        var max = lags.Max();
        var q = new double[MarginalFitter.EmpiricalPoints];
        var j = 0;
        for (var i = 0; i < q.Length; i++)
        {
            var p = (double)i / (q.Length - 1);
            while (j < cdf.Count && cdf[j] < p)
            {
                j++;
            }

            // Mass the estimator leaves beyond the last event (largest lags censored) sits at the largest lag seen.
            q[i] = j < times.Count ? times[j] : max;
        }

        var share = censored.Count(c => c) / (double)censored.Length;
        return new MarginalModel("kaplan_meier", [Math.Round(share, 6)], 0, max, q, 0, new Dictionary<string, double>());
    }
}
