namespace NeoGlobal.DataGen;

/// <summary>
/// The shapes of real billing and ERP data, on the perm slots after today's anomalies (own RNG stream, so at rate 0
/// nothing is drawn and the data is today's): split and consolidated postings, refunds and lost disputes with or without
/// their credit memo, ledger lines net of Stripe's fee, charges in a foreign presentment currency, and sub-cent amounts.
/// </summary>
internal sealed class ShapeInjector(BatchLayout layout)
{
    private static readonly AnomalyKind[] Kinds =
    [
        AnomalyKind.SplitPosting, AnomalyKind.ConsolidatedPosting, AnomalyKind.Refund, AnomalyKind.RefundNotInErp,
        AnomalyKind.FeeNetting, AnomalyKind.FxDifference, AnomalyKind.SubCentRounding,
    ];

    private static readonly long Hour = TimeSpan.TicksPerHour;
    private static readonly long Day = TimeSpan.TicksPerDay;

    /// <summary>Stripe's card fee: 2.9% (half away from zero) + 30 cents.</summary>
    public static long FeeCents(long amountCents) => (amountCents * 290 + 5_000) / 10_000 + 30;

    /// <summary>Units of USD per unit of presentment currency, in millionths (EUR, GBP, CAD); index 0 is USD.</summary>
    public static readonly long[] BaseRateMicros = [1_000_000, 1_080_000, 1_270_000, 730_000];

    public static readonly string[] CurrencyCodes = ["USD", "EUR", "GBP", "CAD"];

    public void Inject(Batch b, int[] perm, int cursor, FastRng rng)
    {
        foreach (var kind in Kinds)
        {
            var quota = layout.Quota(kind, b.Index);
            var first = layout.FirstOrdinal(kind, b.Index);
            for (var k = 0; k < quota; k++)
            {
                var ordinal = first + k;
                if (kind == AnomalyKind.ConsolidatedPosting)
                {
                    var size = 2 + (int)(ordinal % 2);
                    Group(b, perm[cursor], perm[cursor + 1], size == 3 ? perm[cursor + 2] : -1, rng);
                    cursor += size;
                    continue;
                }

                var j = perm[cursor++];
                b.Anomaly[j] = kind;
                switch (kind)
                {
                    case AnomalyKind.SplitPosting:
                        Split(b, j, 2 + (int)(ordinal % 2), rng);
                        break;
                    case AnomalyKind.Refund:
                    case AnomalyKind.RefundNotInErp:
                        Refund(b, j, ordinal, kind == AnomalyKind.Refund, rng);
                        break;
                    case AnomalyKind.FeeNetting:
                        b.LedgerCents[j] = b.AmountCents[j] - FeeCents(b.AmountCents[j]);
                        break;
                    case AnomalyKind.FxDifference:
                        Fx(b, j, 1 + (int)(ordinal % 3), rng);
                        break;
                    default:
                        // 1..99 hundredths of a cent on top of the Stripe amount; NetSuite rounds half up to the cent.
                        var sub = (short)(1 + rng.Next(99));
                        b.SubCent[j] = sub;
                        b.LedgerCents[j] = b.AmountCents[j] + (sub >= 50 ? 1 : 0);
                        break;
                }
            }
        }
    }

    private static void Split(Batch b, int j, int lines, FastRng rng)
    {
        // Line amounts: random positive parts of the posted amount (the last line takes the rest).
        var total = b.LedgerCents[j];
        b.Variant[j] = (byte)lines;
        var first = 1 + rng.NextLong(total - (lines - 1));
        b.SplitCents[2 * j] = first;
        b.SplitCents[2 * j + 1] = lines == 3 ? 1 + rng.NextLong(total - first - 1) : total - first;
    }

    private void Group(Batch b, int anchor, int second, int third, FastRng rng)
    {
        // One customer's charges billed within 12 hours, posted as one ledger line (FuzzyGuard picks the customer and
        // keeps the amounts and their sum unambiguous among the unmatched rows).
        var batchStart = layout.SlotStart(b.FirstRow).Ticks;
        int[] members = third < 0 ? [anchor, second] : [anchor, second, third];
        foreach (var j in members)
        {
            b.Anomaly[j] = AnomalyKind.ConsolidatedPosting;
            b.GroupAnchor[j] = anchor;
            if (j != anchor)
            {
                b.CreatedTicks[j] = BatchGenerator.TruncSeconds(Math.Max(batchStart, b.CreatedTicks[anchor] - rng.NextLong(12 * Hour)));
                if (b.CreatedTicks[j] > b.CreatedTicks[anchor])
                {
                    b.CreatedTicks[j] = b.CreatedTicks[anchor];
                }
            }
        }

        b.TranTicks[anchor] = BatchGenerator.SameDayLag(b.CreatedTicks[anchor], rng.NextLong(6 * Hour));
        b.ErpExternalId[anchor] = null;
        b.ErpRef[anchor] = null;
        b.Groups.Add((anchor, second, third));
    }

    private void Refund(Batch b, int j, long ordinal, bool hasMemo, FastRng rng)
    {
        var variant = (RefundVariant)(ordinal % 4);
        var amount = b.AmountCents[j];
        var partial = variant == RefundVariant.Partial || (variant == RefundVariant.LaterPeriod && ordinal / 4 % 2 == 1);
        var cents = partial ? Math.Min(amount - 1, Amounts.PercentOf(amount, rng.Next(1_000, 9_001))) : amount;
        var charged = b.CreatedTicks[j];
        var created = new DateTime(charged, DateTimeKind.Utc);
        var monthEnd = new DateTime(created.Year, created.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1).Ticks;
        var refunded = variant switch
        {
            RefundVariant.LaterPeriod => monthEnd + rng.NextLong(20 * Day),
            RefundVariant.Chargeback => charged + Day + rng.NextLong(29 * Day),
            // Same month as the charge: somewhere between the charge and the month's last second.
            _ => charged + rng.NextLong(Math.Max(1, monthEnd - TimeSpan.TicksPerSecond - charged)),
        };
        refunded = BatchGenerator.TruncSeconds(refunded);
        var prefix = variant == RefundVariant.Chargeback ? "dp_" : "re_";
        var id = IdCodec.Make(prefix, layout.Options.Seed, hasMemo ? IdCodec.StreamRefund : IdCodec.StreamRefundNotInErp, ordinal, rng);
        var memoTicks = BatchGenerator.SameDayLag(refunded, rng.NextLong(6 * Hour));
        b.Refunds.Add(new RefundRow(id, j, variant, cents, refunded, hasMemo, memoTicks));
    }

    private static void Fx(Batch b, int j, int currency, FastRng rng)
    {
        // The plan price is in the presentment currency; Stripe settles in USD at its rate, NetSuite books USD at its own
        // daily rate (0.005%-0.2% apart, more if needed until the cents differ). Both round half away from zero.
        // At least 10 units, so a one-cent rounding stays well inside the 0.5% tolerance (fx_tolerance_rate).
        var presentment = b.AmountCents[j] < 1_000 ? b.AmountCents[j] + 1_000 : b.AmountCents[j];
        var stripeRate = BaseRateMicros[currency] + rng.NextLong(40_001) - 20_000;
        var stripeUsd = (presentment * stripeRate + 500_000) / 1_000_000;
        var down = rng.Next(2) == 0;
        long erpRate, erpUsd;
        var k = 5 + rng.Next(196);
        do
        {
            var offset = Math.Max(1, stripeRate * k / 100_000);
            erpRate = down ? stripeRate - offset : stripeRate + offset;
            erpUsd = (presentment * erpRate + 500_000) / 1_000_000;
            k++;
        }
        while (erpUsd == stripeUsd);

        b.Currency[j] = (byte)currency;
        b.PresentmentCents[j] = presentment;
        b.StripeRateMicros[j] = stripeRate;
        b.ErpRateMicros[j] = erpRate;
        b.AmountCents[j] = stripeUsd;
        b.LedgerCents[j] = erpUsd;
    }
}
