using System.Globalization;
using DuckDB.NET.Data;

namespace NeoGlobal.DataGen;

/// <summary>NetSuite transactions: one row per posted Stripe row, a second for duplicates, plus orphans.</summary>
internal sealed class ErpSink(string directory, bool csv) : DuckDbSink("netsuite_batch", Columns, directory, "tran_date", csv)
{
    public const string Columns =
        "internal_id BIGINT, external_id VARCHAR, external_ref_id VARCHAR, tran_type VARCHAR, tran_date TIMESTAMP, " +
        "posting_period VARCHAR, account_number INTEGER, customer_id VARCHAR, credit_usd DECIMAL(19,4), memo VARCHAR";

    private readonly Dictionary<int, string> _periods = [];

    protected override void Append(DuckDBAppender appender, Batch b, Catalog catalog)
    {
        for (var j = 0; j < b.Count; j++)
        {
            if (b.Anomaly[j] == AnomalyKind.MissingInErp)
            {
                continue;
            }

            var line = catalog.Plans[b.Plan[j]].Line;
            var memo = b.Memo[j] ?? "Stripe: " + b.Id[j];
            Row(appender, b.InternalId[j], b.ErpExternalId[j], b.ErpRef[j], b.IsInvoice[j], b.TranTicks[j], line,
                catalog.Customers[b.ErpCustomer[j]].Id, b.LedgerCents[j], memo);
            if (b.Anomaly[j] == AnomalyKind.DuplicateInErp)
            {
                Row(appender, b.DupInternalId[j], b.ErpExternalId[j], b.ErpRef[j], b.IsInvoice[j], b.DupTranTicks[j], line,
                    catalog.Customers[b.ErpCustomer[j]].Id, b.LedgerCents[j], memo);
            }
        }

        foreach (var o in b.Orphans)
        {
            Row(appender, o.InternalId, o.ExternalId, null, o.IsInvoice, o.TranTicks, catalog.Plans[o.Plan].Line,
                catalog.Customers[o.Customer].Id, o.Cents, "Stripe: " + o.ExternalId);
        }
    }

    private void Row(DuckDBAppender appender, long internalId, string? externalId, string? externalRef, bool isInvoice,
        long tranTicks, ProductLine line, string customerId, long cents, string memo)
    {
        appender.CreateRow()
            .AppendValue(internalId)
            .AppendValue(externalId)
            .AppendValue(externalRef)
            .AppendValue(isInvoice ? "CustInvc" : "CustPymt")
            .AppendValue(Utc(tranTicks))
            .AppendValue(Period(tranTicks))
            .AppendValue(RevenueAccount(line))
            .AppendValue(customerId)
            .AppendValue(Amounts.ToDecimal(cents))
            .AppendValue(memo)
            .EndRow();
    }

    private string Period(long ticks)
    {
        var key = BatchFinalizer.MonthKey(ticks);
        if (!_periods.TryGetValue(key, out var period))
        {
            period = new DateTime(key / 100, key % 100, 1, 0, 0, 0, DateTimeKind.Utc).ToString("MMM yyyy", CultureInfo.InvariantCulture);
            _periods[key] = period;
        }

        return period;
    }
}
