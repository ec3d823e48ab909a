namespace NeoGlobal.DataGen;

/// <summary>
/// Assigns anomalies to distinct random rows of a batch (exact per-batch quotas from
/// <see cref="BatchLayout"/>), mutates the ERP (or billing) side accordingly and adds orphan rows.
/// </summary>
internal sealed class AnomalyInjector(BatchLayout layout, Catalog catalog, IRowSource generator)
{
    private readonly ShapeInjector _shapes = new(layout);

    private static readonly AnomalyKind[] RowKinds =
    [
        AnomalyKind.MissingInErp, AnomalyKind.AmountMismatch, AnomalyKind.TimingDrift,
        AnomalyKind.MetadataMismatch, AnomalyKind.DuplicateInErp,
    ];

    private static readonly long Hour = TimeSpan.TicksPerHour;
    private static readonly long SecondTicks = TimeSpan.TicksPerSecond;

    public void Inject(Batch b, FastRng rng, FastRng shapeRng)
    {
        // The real-world shapes take the perm slots after today's kinds; at rate 0 they draw nothing, so today's data is unchanged.
        var total = layout.RowsWithAnomalies(b.Index);

        if (total > b.Count)
        {
            throw new InvalidOperationException($"Anomaly rates add up to more than one anomaly per row in batch {b.Index}.");
        }

        // Partial Fisher-Yates: the first `total` slots of Perm are distinct random rows.
        var perm = b.Perm;
        for (var j = 0; j < b.Count; j++)
        {
            perm[j] = j;
        }

        for (var t = 0; t < total; t++)
        {
            var pick = t + rng.Next(b.Count - t);
            (perm[t], perm[pick]) = (perm[pick], perm[t]);
        }

        var cursor = 0;
        foreach (var kind in RowKinds)
        {
            var quota = layout.Quota(kind, b.Index);
            var firstOrdinal = layout.FirstOrdinal(kind, b.Index);
            for (var k = 0; k < quota; k++)
            {
                Apply(b, perm[cursor++], kind, firstOrdinal + k, rng);
            }
        }

        _shapes.Inject(b, perm, cursor, shapeRng);

        AddOrphans(b, rng);
    }

    private void Apply(Batch b, int j, AnomalyKind kind, long ordinal, FastRng rng)
    {
        b.Anomaly[j] = kind;
        switch (kind)
        {
            case AnomalyKind.AmountMismatch:
                // The billing amount changed after the ledger was written: a third are one-cent rounding
                // errors, the rest 1-30% changes; never zero, never negative.
                var ledger = b.LedgerCents[j];
                var rounding = ordinal % 3 == 0;
                var delta = rounding ? 1 : Amounts.PercentOf(ledger, rng.Next(100, 3_001));
                var up = rng.Next(2) == 0 || ledger - delta <= 0;
                if (up && delta == ShapeInjector.FeeCents(ledger + delta) && ledger - delta > 0)
                {
                    // A raise by exactly Stripe's fee would read as a ledger line net of fees: lower the amount instead
                    // (same |delta|, so the same leakage; no draw, so data without such a coincidence is unchanged).
                    up = false;
                }

                b.AmountCents[j] = up ? ledger + delta : ledger - delta;
                b.Variant[j] = rounding ? (byte)1 : (byte)0;
                break;
            case AnomalyKind.TimingDrift:
                ApplyTiming(b, j, ordinal % 3 == 0, rng);
                break;
            case AnomalyKind.MetadataMismatch:
                ApplyMetadata(b, j, ordinal, rng);
                break;
        }
    }

    private static void ApplyTiming(Batch b, int j, bool crossMonth, FastRng rng)
    {
        // Drift strictly over 24h, at most 96h, whole seconds.
        var drift = (24 * 3_600 + 60 + rng.NextLong(72 * 3_600 - 60)) * SecondTicks;
        var created = new DateTime(b.CreatedTicks[j], DateTimeKind.Utc);
        var monthEnd = new DateTime(created.Year, created.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1).Ticks;
        var createdTicks = b.CreatedTicks[j];
        if (crossMonth)
        {
            // Move the charge into the last `drift` before month end so the posting lands next month.
            createdTicks = monthEnd - SecondTicks - rng.NextLong(drift / SecondTicks - 1) * SecondTicks;
        }
        else if (createdTicks + drift >= monthEnd)
        {
            // Keep the drift inside the billing month.
            createdTicks = BatchGenerator.TruncSeconds(createdTicks - drift - rng.NextLong(Hour));
        }

        b.CreatedTicks[j] = createdTicks;
        b.TranTicks[j] = createdTicks + drift;
    }

    private void ApplyMetadata(Batch b, int j, long ordinal, FastRng rng)
    {
        var variant = (MetadataVariant)(ordinal % 5);
        var id = b.Id[j];
        var flavour = ordinal / 5;
        b.Variant[j] = (byte)variant;
        switch (variant)
        {
            case MetadataVariant.IdCase:
                b.ErpExternalId[j] = id.ToUpperInvariant();
                break;
            case MetadataVariant.IdWhitespace:
                b.ErpExternalId[j] = (flavour % 3) switch { 0 => " " + id, 1 => id + " ", _ => "  " + id + "\t" };
                break;
            case MetadataVariant.IdPrefix:
                b.ErpExternalId[j] = flavour % 2 == 0 ? "stripe:" + id : "Stripe: " + id;
                break;
            case MetadataVariant.WrongCustomer:
                var n = catalog.Customers.Count;
                b.ErpCustomer[j] = (b.Customer[j] + 1 + rng.Next(n - 1)) % n;
                break;
            default:
                b.ErpExternalId[j] = null;
                b.ErpRef[j] = null;
                b.Memo[j] = b.IsInvoice[j] ? "Invoice - manual entry" : "Customer payment - manual entry";
                break;
        }
    }

    private void AddOrphans(Batch b, FastRng rng)
    {
        var quota = layout.Quota(AnomalyKind.OrphanInErp, b.Index);
        var first = layout.FirstOrdinal(AnomalyKind.OrphanInErp, b.Index);
        for (var k = 0; k < quota; k++)
        {
            // A plausible ERP row near a random billing row's time, with an id Stripe never issued.
            var anchor = rng.Next(b.Count);
            var isInvoice = rng.Next(10) < 3;
            var id = generator.MakeId(isInvoice, IdCodec.StreamOrphan, first + k, rng);
            var customer = rng.Next(catalog.Customers.Count);
            var (plan, cents) = generator.DrawProduct(customer, rng);
            var tran = BatchGenerator.SameDayLag(b.CreatedTicks[anchor], rng.NextLong(6 * Hour));
            b.Orphans.Add(new OrphanRow(0, id, isInvoice, customer, plan, cents, tran));
        }
    }
}
