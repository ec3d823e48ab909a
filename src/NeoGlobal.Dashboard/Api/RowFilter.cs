namespace NeoGlobal.Dashboard.Api;

/// <summary>
/// A validated filter over fct_reconciliation. Every value here has passed a whitelist or a strict parse;
/// it still only ever reaches SQL as a bound parameter (see <see cref="FilterSql"/>).
/// </summary>
internal sealed record RowFilter(
    IReadOnlyList<string>? AnomalyTypes,
    bool AllAnomalies,
    IReadOnlyList<string>? Statuses,
    string? From,
    string? To,
    decimal? MinAmount,
    decimal? MaxAmount,
    string? Customer,
    string? Search,
    bool LeakingOnly,
    string Sort,
    bool Descending,
    int Page,
    int PageSize)
{
    public const int MaxPageSize = 500;

    public static readonly IReadOnlySet<string> AnomalyTypeValues = new HashSet<string>(StringComparer.Ordinal)
    {
        "perfect_match", "missing_in_erp", "amount_mismatch", "timing_drift", "metadata_mismatch",
        "duplicate_in_erp", "missing_in_billing", "needs_review", "split_posting", "consolidated_posting", "refund",
        "refund_missing_in_erp", "fee_netting", "fx_difference", "rounding_difference",
    };

    public static readonly IReadOnlySet<string> StatusValues = new HashSet<string>(StringComparer.Ordinal)
    {
        "reconciled", "healed", "open", "needs_review",
    };

    /// <summary>Sortable columns: the only identifiers a request can influence, looked up, never copied.</summary>
    public static readonly IReadOnlyDictionary<string, string> SortColumns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["recon_id"] = "recon_id",
        ["transaction_date"] = "transaction_date",
        ["customer_name"] = "customer_name",
        ["anomaly_type"] = "anomaly_type",
        ["status"] = "status",
        ["billing_amount"] = "billing_amount",
        ["ledger_amount"] = "ledger_amount",
        ["variance"] = "variance",
        ["leakage_amount"] = "leakage_amount",
        ["drift_hours"] = "drift_hours",
    };

    public static readonly RowFilter Default = new(null, false, null, null, null, null, null, null, null, false, "leakage_amount", true, 1, 50);
}
