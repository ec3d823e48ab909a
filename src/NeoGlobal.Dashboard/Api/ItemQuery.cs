using System.Data.Common;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using NeoGlobal.Dashboard.Data;

namespace NeoGlobal.Dashboard.Api;

public sealed record StripeSide(string? StripeId, string? StripeObject, string? CustomerId, string? CustomerName, string? BilledAt, string? BillingMonth, string? BillingAmount);

public sealed record NetSuiteSide(long? InternalId, string? ExternalId, string? ErpCustomerId, string? PostedAt, string? PostingPeriod, long? AccountNumber, string? LedgerAmount, string? AccountName = null);

public sealed record Reconciliation(
    string ReconId, string? TransactionDate, string? ProductLine, string? MatchMethod, string? AnomalyType, string? AnomalyDetail,
    string? Status, string? ProposedAction, string? Variance, string? LeakageAmount, long? DriftHours, IReadOnlyList<string> Flags);

public sealed record AdjustmentLine(
    string? AdjustmentId, string? JournalExternalId, long? Line, string? TranDate, string? PostingPeriod, long? AccountNumber,
    string? DebitUsd, string? CreditUsd, string? Memo, string? AnomalyType, bool? RequiresApproval, string? AccountName = null);

public sealed record ItemDetail(Reconciliation Reconciliation, StripeSide Stripe, NetSuiteSide NetSuite, IReadOnlyList<AdjustmentLine> Adjustments, string? AdjustmentsNote);

/// <summary>One reconciliation record: the Stripe side, the NetSuite side and the proposed journal lines.</summary>
internal sealed partial class ItemQuery(Warehouse warehouse)
{
    private static readonly string[] FlagColumns =
        ["is_perfect_match", "is_missing_in_erp", "is_missing_in_billing", "is_amount_mismatch", "is_timing_drift",
         "is_cutoff_risk", "is_metadata_mismatch", "is_duplicate_in_erp", "is_needs_review"];

    public ItemDetail? Find(string reconId)
    {
        if (reconId.Length > 100 || !IdPattern().IsMatch(reconId)) throw new BadRequestException("recon_id must be 1–100 characters of A-Z a-z 0-9 _ . : -");
        using var connection = warehouse.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT recon_id, strftime(transaction_date, '%Y-%m-%d'), product_line, match_method, anomaly_type, anomaly_detail, status,
                   proposed_action, variance, leakage_amount, drift_hours,
                   stripe_id, stripe_object, customer_id, customer_name, strftime(billed_at, '%Y-%m-%d %H:%M:%S'),
                   strftime(billing_month, '%Y-%m-%d'), billing_amount,
                   netsuite_internal_id, netsuite_external_id, erp_customer_id, strftime(posted_at, '%Y-%m-%d %H:%M:%S'),
                   posting_period, account_number, ledger_amount, {string.Join(", ", FlagColumns)}, {AccountName("f.account_number")}
            FROM {warehouse.Fact} f WHERE recon_id = $id
            """;
        command.Parameters.Add(new DuckDBParameter("id", reconId));
        using var r = command.ExecuteReader();
        if (!r.Read()) return null;
        var flags = FlagColumns.Where((_, i) => !r.IsDBNull(25 + i) && r.GetBoolean(25 + i)).Select(c => c[3..]).ToList();
        var recon = new Reconciliation(r.GetString(0), T(r, 1), T(r, 2), T(r, 3), T(r, 4), T(r, 5), T(r, 6), T(r, 7),
            Money.Read(r, 8), Money.Read(r, 9), Money.ReadLong(r, 10), flags);
        var stripe = new StripeSide(T(r, 11), T(r, 12), T(r, 13), T(r, 14), T(r, 15), T(r, 16), Money.Read(r, 17));
        var netsuite = new NetSuiteSide(Money.ReadLong(r, 18), T(r, 19), T(r, 20), T(r, 21), T(r, 22), Money.ReadLong(r, 23), Money.Read(r, 24), T(r, 25 + FlagColumns.Length));
        var (lines, note) = Adjustments(connection, reconId);
        return new ItemDetail(recon, stripe, netsuite, lines, note);
    }

    private (IReadOnlyList<AdjustmentLine>, string?) Adjustments(DuckDBConnection connection, string reconId)
    {
        if (!warehouse.HasAdjustments) return ([], $"{warehouse.MartsSchema}.{Warehouse.AdjustmentsTable} is not built in this warehouse");
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT adjustment_id, journal_external_id, line, strftime(tran_date, '%Y-%m-%d'), posting_period, account_number,
                   debit_usd, credit_usd, memo, anomaly_type, requires_approval, {AccountName("j.account_number")}
            FROM {warehouse.Adjustments} j WHERE recon_id = $id ORDER BY adjustment_id, line
            """;
        command.Parameters.Add(new DuckDBParameter("id", reconId));
        using var r = command.ExecuteReader();
        var lines = new List<AdjustmentLine>();
        while (r.Read())
            lines.Add(new AdjustmentLine(T(r, 0), T(r, 1), Money.ReadLong(r, 2), T(r, 3), T(r, 4), Money.ReadLong(r, 5),
                Money.Read(r, 6), Money.Read(r, 7), T(r, 8), T(r, 9), r.IsDBNull(10) ? null : r.GetBoolean(10), T(r, 11)));
        return (lines, null);
    }

    private static string? T(DbDataReader r, int i) => Money.ReadText(r, i);

    /// <summary>The account's name from the chart of accounts (a constant NULL when the warehouse has none).</summary>
    private string AccountName(string column) => warehouse.HasAccounts
        ? $"(SELECT a.account_name FROM {Warehouse.Accounts} a WHERE a.account_number = {column} LIMIT 1)"
        : "CAST(NULL AS VARCHAR)";

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,100}$")]
    private static partial Regex IdPattern();
}
