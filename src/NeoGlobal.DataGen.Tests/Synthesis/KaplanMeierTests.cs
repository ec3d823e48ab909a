using NeoGlobal.DataGen.Synthesis;

namespace NeoGlobal.DataGen.Tests.Synthesis;

public sealed class KaplanMeierTests
{
    [Fact]
    public void RawLagIsRecoveredFromDayEndCensoredObservations()
    {
        // Raw lag uniform on [0, 6 h); the line cannot post after the day's last second, which is headroom seconds away.
        var rng = new Random(8);
        const int n = 60_000;
        var lags = new double[n];
        var censored = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var raw = rng.Next(6 * 3_600);
            var headroom = rng.Next(86_400);
            censored[i] = raw >= headroom;
            lags[i] = Math.Min(raw, headroom);
        }

        var m = KaplanMeier.Fit(lags, censored);
        Assert.Equal("kaplan_meier", m.Family);
        Assert.InRange(m.Parameters[0], 0.11, 0.14);   // censored share: E[min(1, 6h/24h)] / 2 = 12.5%
        foreach (var p in new[] { 0.25, 0.5, 0.75, 0.9 })
        {
            // Uniform quantiles, within 2% of the range; the observed (censored) lags are visibly shorter.
            Assert.InRange(Marginals.Quantile(m, p), (p - 0.02) * 21_600, (p + 0.02) * 21_600);
        }

        var observedMedian = lags.Order().ElementAt(n / 2);
        Assert.True(observedMedian < 0.47 * 21_600, $"observed median {observedMedian} should be biased low");
    }
}
