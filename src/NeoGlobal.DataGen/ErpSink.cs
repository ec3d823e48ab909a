using System.Globalization;
using DuckDB.NET.Data;

namespace NeoGlobal.DataGen;

/// <summary>NetSuite transactions: one row per posted Stripe row (2-3 for a split posting, one per consolidated group), a second
/// for duplicates, plus orphans and the credit memos of refunds.</summary>
internal sealed class ErpSink(string directory, bool csv) : DuckDbSink("netsuite_batch", Columns, directory, "tran_date", csv)
{
    public const string Columns =
        "internal_id BIGINT, external_id VARCHAR, external_ref_id VARCHAR, tran_type VARCHAR, tran_date TIMESTAMP, " +
        "posting_period VARCHAR, account_number INTEGER, customer_id VARCHAR, credit_usd DECIMAL(19,4), memo VARCHAR, " +
        "currency VARCHAR, exchange_rate DECIMAL(19,6), foreign_amount DECIMAL(19,4)";

    private const int RefundsAccount = 4900;
    private const int ChargebackAccount = 6160;

    private readonly Dictionary<int, string> _periods = [];

    protected override void Append(DuckDBAppender appender, Batch b, Catalog catalog)
    {
        for (var j = 0; j < b.Count; j++)
        {
            if (b.Anomaly[j] == AnomalyKind.MissingInErp)
            {
                continue;
            }

            var kind = b.Anomaly[j];
            if (kind == AnomalyKind.ConsolidatedPosting && b.GroupAnchor[j] != j)
            {
                continue;
            }

            var line = catalog.Plans[b.Plan[j]].Line;
            var memo = b.Memo[j] ?? "Stripe: " + b.Id[j];
            var customer = catalog.Customers[b.ErpCustomer[j]].Id;
            var account = RevenueAccount(line);
            if (kind == AnomalyKind.SplitPosting)
            {
                // The same externalId on every line (NetSuite's split posting); line amounts sum to the charge.
                var lines = b.Variant[j];
                var rest = b.LedgerCents[j];
                for (var i = 0; i < lines; i++)
                {
                    var cents = i < lines - 1 ? b.SplitCents[2 * j + i] : rest;
                    rest -= cents;
                    Row(appender, b.InternalId[j] + i, b.ErpExternalId[j], b.ErpRef[j], TranType(b.IsInvoice[j]), b.TranTicks[j], account,
                        customer, cents, memo + " (line " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of " + lines.ToString(CultureInfo.InvariantCulture) + ")");
                }

                continue;
            }

            var fx = b.Currency[j];
            Row(appender, b.InternalId[j], b.ErpExternalId[j], b.ErpRef[j], TranType(b.IsInvoice[j]), b.TranTicks[j], account, customer, b.LedgerCents[j], memo,
                fx, fx == 0 ? 1m : b.ErpRateMicros[j] / 1_000_000m, fx == 0 ? null : b.PresentmentCents[j]);
            if (kind == AnomalyKind.DuplicateInErp)
            {
                Row(appender, b.DupInternalId[j], b.ErpExternalId[j], b.ErpRef[j], TranType(b.IsInvoice[j]), b.DupTranTicks[j], account, customer, b.LedgerCents[j], memo);
            }
        }

        foreach (var o in b.Orphans)
        {
            Row(appender, o.InternalId, o.ExternalId, null, TranType(o.IsInvoice), o.TranTicks, RevenueAccount(catalog.Plans[o.Plan].Line),
                catalog.Customers[o.Customer].Id, o.Cents, "Stripe: " + o.ExternalId);
        }

        foreach (var r in b.Refunds)
        {
            if (!r.HasMemo)
            {
                continue;
            }

            // The credit memo (CustCred): negative, under the refund's id, on Refunds (or Chargeback Losses for a dispute).
            var dispute = r.Variant == RefundVariant.Chargeback;
            Row(appender, r.MemoInternalId, r.Id, null, "CustCred", r.MemoTicks, dispute ? ChargebackAccount : RefundsAccount,
                catalog.Customers[b.ErpCustomer[r.Charge]].Id, -r.Cents, (dispute ? "Stripe dispute: " : "Stripe refund: ") + r.Id);
        }
    }

    private static string TranType(bool isInvoice) => isInvoice ? "CustInvc" : "CustPymt";

    private void Row(DuckDBAppender appender, long internalId, string? externalId, string? externalRef, string tranType,
        long tranTicks, int account, string customerId, long cents, string memo, byte currency = 0, decimal rate = 1m, long? foreignCents = null)
    {
        appender.CreateRow()
            .AppendValue(internalId)
            .AppendValue(externalId)
            .AppendValue(externalRef)
            .AppendValue(tranType)
            .AppendValue(Utc(tranTicks))
            .AppendValue(Period(tranTicks))
            .AppendValue(account)
            .AppendValue(customerId)
            .AppendValue(Amounts.ToDecimal(cents))
            .AppendValue(memo)
            .AppendValue(ShapeInjector.CurrencyCodes[currency])
            .AppendValue(rate)
            .AppendValue(Amounts.ToDecimal(foreignCents ?? cents))
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
