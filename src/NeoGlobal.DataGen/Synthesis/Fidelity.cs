namespace NeoGlobal.DataGen.Synthesis;

/// <summary>One column's distance to the sample: KS for numeric columns, total-variation distance for categorical ones;
/// <c>Coverage</c> = share of the sample's categories that appear (categorical only).</summary>
internal sealed record ColumnFidelity(string Column, string Statistic, double Fitted, double HandSet, double? FittedCoverage, double? HandSetCoverage);

/// <summary>Sample vs synthetic rows from the fitted model, and vs today's hand-set generator as the baseline.</summary>
internal sealed record FidelityResult(long SampleRows, long SyntheticRows, string[] CorrelationColumns, double CorrelationMaxAbsDiffFitted,
    double CorrelationMaxAbsDiffHandSet, ColumnFidelity[] Columns, IReadOnlyDictionary<string, string> Families);

/// <summary>Distances between tables: two-sample KS, TVD, category coverage, normal-score correlation.</summary>
internal static class Fidelity
{
    public static readonly string[] CorrelationColumns = [ColumnNames.Created, ColumnNames.Object, ColumnNames.Plan, ColumnNames.Amount, ColumnNames.PostingLag];

    /// <summary>Two-sample Kolmogorov-Smirnov statistic sup |F_a − F_b| (ties advance both sides together).</summary>
    public static double Ks(double[] a, double[] b)
    {
        var x = (double[])a.Clone();
        var y = (double[])b.Clone();
        Array.Sort(x);
        Array.Sort(y);
        int i = 0, j = 0;
        var d = 0.0;
        while (i < x.Length && j < y.Length)
        {
            var v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] == v)
            {
                i++;
            }

            while (j < y.Length && y[j] == v)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs((double)i / x.Length - (double)j / y.Length));
        }

        return d;
    }

    /// <summary>Total-variation distance ½ Σ |p − q| between two columns' category frequencies.</summary>
    public static double Tvd(string[] a, string[] b)
    {
        var p = Frequencies(a);
        var q = Frequencies(b);
        return 0.5 * p.Keys.Union(q.Keys).Sum(k => Math.Abs(p.GetValueOrDefault(k) - q.GetValueOrDefault(k)));
    }

    /// <summary>Share of <paramref name="reference"/>'s categories present in <paramref name="other"/>.</summary>
    public static double Coverage(string[] reference, string[] other)
    {
        var seen = other.ToHashSet(StringComparer.Ordinal);
        var cats = reference.Distinct(StringComparer.Ordinal).ToArray();
        return (double)cats.Count(seen.Contains) / cats.Length;
    }

    /// <summary>Normal-score (van der Waerden) correlation of <see cref="CorrelationColumns"/>; categories ranked in
    /// <paramref name="order"/> (the sample's frequency order; unseen categories last).</summary>
    public static double[][] ScoreCorrelation(SampleTable t, IReadOnlyDictionary<string, int> planOrder)
    {
        var plan = t.PlanId.Select(p => (double)planOrder.GetValueOrDefault(p, planOrder.Count)).ToArray();
        var obj = t.Object.Select(o => o == "invoice" ? 1.0 : 0.0).ToArray();
        return Copula.Correlation([
            Copula.RankScores(t.Numeric(ColumnNames.Created)), Copula.RankScores(obj), Copula.RankScores(plan),
            Copula.RankScores(t.Numeric(ColumnNames.Amount)), Copula.RankScores(t.Numeric(ColumnNames.PostingLag)),
        ]);
    }

    private static Dictionary<string, double> Frequencies(string[] column) =>
        column.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count() / column.Length, StringComparer.Ordinal);
}
