namespace NeoGlobal.DataGen.Synthesis;

/// <summary>A categorical marginal: values (most frequent first, ties by ordinal name) and their frequencies.</summary>
internal sealed record CategoricalModel(string[] Values, double[] Probabilities)
{
    public static CategoricalModel Fit(IEnumerable<string> column)
    {
        var counts = column.GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.LongCount()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Value, StringComparer.Ordinal).ToArray();
        var total = (double)counts.Sum(c => c.Count);
        return new CategoricalModel(counts.Select(c => c.Value).ToArray(), counts.Select(c => c.Count / total).ToArray());
    }

    /// <summary>Cumulative frequencies: category k owns [Cumulative[k], Cumulative[k + 1]) of (0, 1).</summary>
    internal double[] Cumulative()
    {
        var c = new double[Values.Length + 1];
        for (var k = 0; k < Values.Length; k++)
        {
            c[k + 1] = c[k] + Probabilities[k];
        }

        c[^1] = 1;
        return c;
    }

    /// <summary>Category of u in (0, 1) (inverse of the frequency encoding).</summary>
    internal static int Decode(double[] cumulative, double u)
    {
        int lo = 0, hi = cumulative.Length - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (cumulative[mid] <= u)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
