using System.Globalization;
using DuckDB.NET.Data;

namespace NeoGlobal.Dashboard.Data;

/// <summary>The aggregate queries behind the cards and charts (no user input reaches them). The ERP overstatement is
/// the model's own <c>overstatement_amount</c> (double postings, orphans, refunds never credited) when the warehouse has
/// it, shown negative (NetSuite above Stripe); older warehouses fall back to the sum of negative variances.</summary>
internal sealed class SummarySql(string fact, bool hasOverstatement = false)
{
    private string Overstatement => hasOverstatement ? "-coalesce(sum(overstatement_amount), 0)" : "coalesce(sum(variance) FILTER (WHERE variance < 0), 0)";

    private string Overstated => hasOverstatement ? "overstatement_amount > 0" : "variance < 0";

    public Cards ReadCards(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT coalesce(sum(leakage_amount), 0),
                   coalesce(sum(billing_amount) FILTER (WHERE is_missing_in_erp), 0),
                   count(*) FILTER (WHERE is_missing_in_erp),
                   coalesce(sum(abs(variance)) FILTER (WHERE is_amount_mismatch), 0),
                   count(*) FILTER (WHERE is_amount_mismatch),
                   count(*) FILTER (WHERE is_timing_drift),
                   count(*) FILTER (WHERE is_cutoff_risk),
                   count(*) FILTER (WHERE is_metadata_mismatch),
                   count(*) FILTER (WHERE stripe_id IS NOT NULL AND match_method IS NOT NULL),
                   count(*) FILTER (WHERE stripe_id IS NOT NULL),
                   count(*),
                   count(*) FILTER (WHERE anomaly_type <> 'perfect_match'),
                   count(*) FILTER (WHERE status = 'open'),
                   count(*) FILTER (WHERE status = 'needs_review'),
                   {Overstatement},
                   count(*) FILTER (WHERE {Overstated})
            FROM {fact}
            """;
        using var r = command.ExecuteReader();
        r.Read();
        long L(int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        var matched = L(8);
        var billing = L(9);
        var rate = billing == 0 ? 0m : Math.Round(matched * 100m / billing, 2, MidpointRounding.AwayFromZero);
        return new Cards(
            Money.ReadOrZero(r, 0), Money.ReadOrZero(r, 1), L(2), Money.ReadOrZero(r, 3), L(4), L(5), L(6), L(7),
            matched, billing, rate.ToString("0.00", CultureInfo.InvariantCulture), L(10), L(11), L(12), L(13),
            Money.ReadOrZero(r, 14), L(15));
    }

    /// <summary>Leakage per bucket (<paramref name="bucket"/> is a constant SQL expression chosen by the caller).</summary>
    public IReadOnlyList<LeakageBar> ReadSeries(DuckDBConnection connection, string bucket)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT strftime({bucket}, '%Y-%m-%d') AS k, coalesce(sum(leakage_amount), 0), count(*) FILTER (WHERE leakage_amount <> 0),
                   {Overstatement}
            FROM {fact} WHERE transaction_date IS NOT NULL GROUP BY k ORDER BY k
            """;
        using var r = command.ExecuteReader();
        var bars = new List<LeakageBar>();
        while (r.Read())
            bars.Add(new LeakageBar(r.GetString(0), Money.ReadOrZero(r, 1), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture), Money.ReadOrZero(r, 3)));
        return bars;
    }

    public IReadOnlyList<AnomalyBar> ReadAnomalies(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT anomaly_type, count(*), coalesce(sum(leakage_amount), 0)
            FROM {fact} WHERE anomaly_type IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1
            """;
        using var r = command.ExecuteReader();
        var bars = new List<AnomalyBar>();
        while (r.Read()) bars.Add(new AnomalyBar(r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), Money.ReadOrZero(r, 2)));
        return bars;
    }

    public IReadOnlyList<string> ReadStatuses(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT DISTINCT status FROM {fact} WHERE status IS NOT NULL ORDER BY 1";
        using var r = command.ExecuteReader();
        var statuses = new List<string>();
        while (r.Read()) statuses.Add(r.GetString(0));
        return statuses;
    }
}
