using System.Data.Common;
using System.Diagnostics;
using DuckDB.NET.Data;
using NeoGlobal.Dashboard.Data;

namespace NeoGlobal.Dashboard.Api;

/// <summary>One row of the Unreconciled Transactions table (money as exact strings).</summary>
public sealed record TransactionRow(
    string ReconId, string? TransactionDate, string? CustomerId, string? CustomerName, string? AnomalyType, string? Status,
    string? BillingAmount, string? LedgerAmount, string? Variance, string? LeakageAmount, long? DriftHours,
    string? StripeId, string? NetsuiteExternalId, string? ProposedAction);

public sealed record RowsPage(long Total, string LeakageTotal, int Page, int PageSize, string Sort, string Dir, IReadOnlyList<TransactionRow> Rows, double QueryMs);

/// <summary>Filtered count + one page (LIMIT/OFFSET over a unique order, late-materialized) of fct_reconciliation.</summary>
internal sealed class RowsQuery(Warehouse warehouse)
{
    public const string Columns =
        "recon_id, strftime(transaction_date, '%Y-%m-%d'), customer_id, customer_name, anomaly_type, status, billing_amount, "
        + "ledger_amount, variance, leakage_amount, drift_hours, stripe_id, netsuite_external_id, proposed_action";

    public static readonly string[] Headers =
        ["recon_id", "transaction_date", "customer_id", "customer_name", "anomaly_type", "status", "billing_amount",
         "ledger_amount", "variance", "leakage_amount", "drift_hours", "stripe_id", "netsuite_external_id", "proposed_action"];

    public RowsPage Page(RowFilter filter)
    {
        var watch = Stopwatch.StartNew();
        var sql = new FilterSql(filter);
        using var connection = warehouse.Open();
        long total;
        string leakage;
        using (var count = connection.CreateCommand())
        {
            count.CommandText = $"SELECT count(*), coalesce(sum(leakage_amount), 0) FROM {warehouse.Fact} {sql.Where}";
            sql.AddTo(count);
            using var r = count.ExecuteReader();
            r.Read();
            total = Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            leakage = Money.ReadOrZero(r, 1);
        }
        var rows = new List<TransactionRow>(filter.PageSize);
        var offset = (long)(filter.Page - 1) * filter.PageSize;
        if (offset < total)
        {
            // Late materialization: sort only (key, rowid) to find the page, then fetch those rows' columns.
            using var command = connection.CreateCommand();
            var order = FilterSql.OrderBy(filter);
            command.CommandText = $"""
                SELECT {Columns} FROM {warehouse.Fact}
                WHERE rowid IN (SELECT rowid FROM {warehouse.Fact} {sql.Where} {order} LIMIT {filter.PageSize} OFFSET {offset})
                {order}
                """;
            sql.AddTo(command);
            using var r = command.ExecuteReader();
            while (r.Read()) rows.Add(ReadRow(r));
        }
        return new RowsPage(total, leakage, filter.Page, filter.PageSize, filter.Sort, filter.Descending ? "desc" : "asc", rows,
            Math.Round(watch.Elapsed.TotalMilliseconds, 1));
    }

    /// <summary>All rows of the filter, in table order, for the CSV export (the caller streams them).</summary>
    public DuckDBCommand SelectAll(DuckDBConnection connection, RowFilter filter)
    {
        var sql = new FilterSql(filter);
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {warehouse.Fact} {sql.Where} {FilterSql.OrderBy(filter)}";
        sql.AddTo(command);
        return command;
    }

    internal static TransactionRow ReadRow(DbDataReader r) => new(
        r.GetString(0), Money.ReadText(r, 1), Money.ReadText(r, 2), Money.ReadText(r, 3), Money.ReadText(r, 4), Money.ReadText(r, 5),
        Money.Read(r, 6), Money.Read(r, 7), Money.Read(r, 8), Money.Read(r, 9), Money.ReadLong(r, 10),
        Money.ReadText(r, 11), Money.ReadText(r, 12), Money.ReadText(r, 13));
}
