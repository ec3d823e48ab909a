namespace NeoGlobal.DataGen;

/// <summary>
/// Money is integer cents in C# (exact), converted to DECIMAL(19,4) only when written.
/// Usage amounts follow a log-normal-ish long tail built from integer draws only: the sum of three
/// uniform integers picks a point on a log scale (a precomputed table of whole-cent values from $1 to
/// $1,000,000, 100 steps per decade) and a uniform integer picks a cent value inside that step.
/// </summary>
internal static class Amounts
{
    private static readonly long[] LogScale = BuildLogScale();

    private static long[] BuildLogScale()
    {
        // Shape only: each point is rounded to whole cents immediately; all money math is integer.
        var table = new long[601];
        for (var k = 0; k < table.Length; k++)
        {
            table[k] = (long)Math.Round(Math.Pow(10, k / 100.0) * 100.0, MidpointRounding.AwayFromZero);
        }

        return table;
    }

    /// <summary>Usage amount in cents: median ~$150, long right tail up to ~$24k.</summary>
    public static long UsageCents(FastRng rng)
    {
        var k = rng.Next(147) + rng.Next(147) + rng.Next(147);
        var lo = LogScale[k];
        return lo + rng.NextLong(LogScale[k + 1] - lo);
    }

    /// <summary>Professional services: hourly rate times 2..80 hours.</summary>
    public static long ServicesCents(long hourlyCents, FastRng rng) => hourlyCents * rng.Next(2, 81);

    public static decimal ToDecimal(long cents) => cents / 100m;

    /// <summary>Round-half-away percentage change of <paramref name="cents"/> in basis points, at least one cent.</summary>
    public static long PercentOf(long cents, int basisPoints) => Math.Max(1, (cents * basisPoints + 5_000) / 10_000);

    public static string Format(long cents) =>
        Amounts.ToDecimal(cents).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
