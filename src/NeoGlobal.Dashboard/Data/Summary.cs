namespace NeoGlobal.Dashboard.Data;

/// <summary>Headline figures; money fields are exact 4-place decimal strings.</summary>
public sealed record Cards(
    string TotalLeakage,
    string MissingInErpTotal,
    long MissingInErpCount,
    string AmountMismatchTotal,
    long AmountMismatchCount,
    long TimingDriftCount,
    long CutoffRiskCount,
    long MetadataMismatchCount,
    long MatchedRecords,
    long BillingRecords,
    string MatchRatePercent,
    long TotalRecords,
    long UnreconciledRecords,
    long OpenRecords,
    long NeedsReviewRecords,
    string ErpOverstatementTotal,
    long ErpOverstatementCount);

/// <summary>One bar of a leakage time series: <paramref name="Key"/> is a day or first-of-month (yyyy-MM-dd).</summary>
/// <summary>One period: leakage, leaking records, and the ERP overstatement beside it (Σ negative variance, ≤ 0).</summary>
public sealed record LeakageBar(string Key, string Leakage, long LeakingRecords, string ErpOverstatement);

public sealed record AnomalyBar(string AnomalyType, long Records, string Leakage);

public sealed record Summary(
    string Definition,
    string WarehouseVersion,
    string ComputedAtUtc,
    Cards Cards,
    IReadOnlyList<LeakageBar> ByMonth,
    IReadOnlyList<LeakageBar> ByDay,
    IReadOnlyList<AnomalyBar> ByAnomalyType,
    IReadOnlyList<string> Statuses)
{
    /// <summary>Set when these are the last good figures of a warehouse that cannot be read now (see <see cref="Staleness"/>).</summary>
    public Staleness? Stale { get; init; }

    public const string LeakageDefinition =
        "Total Leakage is the billed amount of every Stripe record that never reached NetSuite, plus the absolute "
        + "difference of every record NetSuite posted for another amount. Match rate is the share of Stripe records "
        + "matched to a NetSuite record.";
}
