using System.Text;

namespace NeoGlobal.DataGen;

/// <summary>
/// Numbers the ERP rows (NetSuite internal ids are dense and sequential across batches, computed in
/// closed form from the quotas), then writes this batch's ground-truth lines and totals.
/// </summary>
internal sealed class BatchFinalizer(BatchLayout layout)
{
    public const long InternalIdBase = 1_000_000;

    public long FirstInternalId(int batch) =>
        InternalIdBase + 1 + layout.FirstRow(batch)
        - layout.FirstOrdinal(AnomalyKind.MissingInErp, batch)
        + layout.FirstOrdinal(AnomalyKind.DuplicateInErp, batch)
        + layout.FirstOrdinal(AnomalyKind.OrphanInErp, batch)
        + BatchLayout.ExtraLines(layout.FirstOrdinal(AnomalyKind.SplitPosting, batch))
        - BatchLayout.ExtraLines(layout.FirstOrdinal(AnomalyKind.ConsolidatedPosting, batch))
        + layout.FirstOrdinal(AnomalyKind.Refund, batch);

    public void Finalize(Batch b)
    {
        var next = FirstInternalId(b.Index);
        var first = next;
        var gt = b.GroundTruth;
        var t = b.Totals;
        for (var j = 0; j < b.Count; j++)
        {
            var kind = b.Anomaly[j];
            if (kind == AnomalyKind.ConsolidatedPosting)
            {
                // One ledger line per group, numbered at its anchor.
                if (b.GroupAnchor[j] == j)
                {
                    b.InternalId[j] = next++;
                }
            }
            else if (kind != AnomalyKind.MissingInErp)
            {
                b.InternalId[j] = next;
                next += kind == AnomalyKind.SplitPosting ? b.Variant[j] : 1;
            }

            if (kind == AnomalyKind.DuplicateInErp)
            {
                b.DupInternalId[j] = next++;
                b.DupTranTicks[j] = BatchGenerator.SameDayLag(b.TranTicks[j], (j % 3_600 + 1) * TimeSpan.TicksPerSecond);
            }

            switch (kind)
            {
                case AnomalyKind.None:
                    break;
                case AnomalyKind.MissingInErp:
                    Line(gt, b.Id[j], "billing", kind, "not_posted", b.AmountCents[j]);
                    t.MissingCents += b.AmountCents[j];
                    t.Add(kind, "not_posted");
                    break;
                case AnomalyKind.AmountMismatch:
                    var delta = b.AmountCents[j] - b.LedgerCents[j];
                    var detail = b.Variant[j] == 1 ? "rounding" : "price_change";
                    Line(gt, b.Id[j], "billing", kind, detail, delta);
                    t.MismatchAbsCents += Math.Abs(delta);
                    t.Add(kind, detail);
                    break;
                case AnomalyKind.TimingDrift:
                    var cutoff = MonthKey(b.CreatedTicks[j]) != MonthKey(b.TranTicks[j]) ? "cutoff_risk" : "within_period";
                    Line(gt, b.Id[j], "billing", kind, cutoff, 0);
                    t.Add(kind, cutoff);
                    break;
                case AnomalyKind.MetadataMismatch:
                    var variant = AnomalyNames.Name((MetadataVariant)b.Variant[j]);
                    Line(gt, b.Id[j], "billing", kind, variant, 0);
                    t.Add(kind, variant);
                    break;
                case AnomalyKind.DuplicateInErp:
                    Line(gt, b.Id[j], "billing", kind, "extra_internal_id=" + b.DupInternalId[j], -b.LedgerCents[j]);
                    t.OverstatementCents += b.LedgerCents[j];
                    t.Add(kind, "double_posting");
                    break;
                default:
                    Shape(b, j, kind);
                    break;
            }
        }

        for (var k = 0; k < b.Orphans.Count; k++)
        {
            var o = b.Orphans[k] with { InternalId = next++ };
            b.Orphans[k] = o;
            Line(gt, o.InternalId.ToString(System.Globalization.CultureInfo.InvariantCulture), "erp", AnomalyKind.OrphanInErp, "external_id=" + o.ExternalId, -o.Cents);
            t.OverstatementCents += o.Cents;
            t.Add(AnomalyKind.OrphanInErp, "no_billing_record");
        }

        for (var k = 0; k < b.Refunds.Count; k++)
        {
            var r = b.Refunds[k];
            var kind = r.HasMemo ? AnomalyKind.Refund : AnomalyKind.RefundNotInErp;
            if (r.HasMemo)
            {
                r = r with { MemoInternalId = next++ };
                b.Refunds[k] = r;
            }
            else
            {
                // The ERP still carries the refunded revenue: an overstatement, not leakage.
                t.OverstatementCents += r.Cents;
            }

            var detail = AnomalyNames.Name(r.Variant);
            Line(gt, r.Id, "billing", kind, detail, r.HasMemo ? 0 : -r.Cents);
            t.Add(kind, detail);
        }

        b.ErpRows = next - first;
    }

    /// <summary>Ground truth of the real-world shapes carried by row <paramref name="j"/> (refunds are written after the rows).</summary>
    private static void Shape(Batch b, int j, AnomalyKind kind)
    {
        var gt = b.GroundTruth;
        var t = b.Totals;
        switch (kind)
        {
            case AnomalyKind.SplitPosting:
                Line(gt, b.Id[j], "billing", kind, "split_into_lines", 0);
                t.Add(kind, "split_into_lines");
                for (var i = 1; i < b.Variant[j]; i++)
                {
                    Line(gt, (b.InternalId[j] + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "erp", kind, "split_line", 0);
                    t.Add(kind, "split_line");
                }

                break;
            case AnomalyKind.ConsolidatedPosting:
                Line(gt, b.Id[j], "billing", kind, "consolidated_charge", 0);
                t.Add(kind, "consolidated_charge");
                if (b.GroupAnchor[j] == j)
                {
                    Line(gt, b.InternalId[j].ToString(System.Globalization.CultureInfo.InvariantCulture), "erp", kind, "consolidated_line", 0);
                    t.Add(kind, "consolidated_line");
                }

                break;
            case AnomalyKind.FeeNetting:
                Line(gt, b.Id[j], "billing", kind, "net_of_fees", b.AmountCents[j] - b.LedgerCents[j]);
                t.Add(kind, "net_of_fees");
                break;
            case AnomalyKind.FxDifference:
                Line(gt, b.Id[j], "billing", kind, "within_tolerance", b.AmountCents[j] - b.LedgerCents[j]);
                t.Add(kind, "within_tolerance");
                break;
            case AnomalyKind.SubCentRounding:
                // Stripe amount = cents + SubCent/100 of a cent; the ledger rounded it to the cent.
                var delta = (b.AmountCents[j] - b.LedgerCents[j]) / 100m + b.SubCent[j] / 10_000m;
                gt.Append(b.Id[j]).Append(",billing,").Append(AnomalyNames.Name(kind)).Append(",sub_cent,")
                  .Append(delta.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                t.Add(kind, "sub_cent");
                break;
        }
    }

    public static int MonthKey(long ticks)
    {
        var d = new DateTime(ticks, DateTimeKind.Utc);
        return d.Year * 100 + d.Month;
    }

    private static void Line(StringBuilder sb, string recordId, string side, AnomalyKind kind, string detail, long deltaCents) =>
        sb.Append(recordId).Append(',').Append(side).Append(',').Append(AnomalyNames.Name(kind)).Append(',')
          .Append(detail).Append(',').Append(Amounts.Format(deltaCents)).Append('\n');
}
