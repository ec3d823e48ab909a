namespace NeoGlobal.DataGen;

/// <summary>
/// Where a batch's clean base rows come from: today's hand-set pools (<see cref="BatchGenerator"/>) or a
/// fitted model (<see cref="Synthesis.ModelRowSource"/>). Anomalies, ground truth and partitioning come after
/// and are the same for both.
/// </summary>
internal interface IRowSource
{
    /// <summary>Fills a batch with clean, matching Stripe and ERP rows.</summary>
    void FillClean(Batch b, FastRng rng);

    /// <summary>Plan and amount (cents) of an extra row (orphans) for <paramref name="customer"/>.</summary>
    (short Plan, long Cents) DrawProduct(int customer, FastRng rng);

    /// <summary>A Stripe-style id, unique per (stream, index).</summary>
    string MakeId(bool isInvoice, int stream, long index, FastRng rng);
}

/// <summary>Fills a batch with clean, matching Stripe and ERP rows from the hand-set (Bogus) pools.</summary>
internal sealed class BatchGenerator(BatchLayout layout, Catalog catalog) : IRowSource
{
    private static readonly long SixHours = TimeSpan.FromHours(6).Ticks;

    public void FillClean(Batch b, FastRng rng)
    {
        var seed = layout.Options.Seed;
        var customers = catalog.Customers.Count;
        for (var j = 0; j < b.Count; j++)
        {
            var row = b.FirstRow + j;
            var created = TruncSeconds(layout.SlotStart(row).Ticks + rng.NextLong(layout.SlotTicks));
            var isInvoice = rng.Next(10) < 3;
            // min of two uniforms: a few large customers bill often, a long tail bills rarely.
            var customer = Math.Min(rng.Next(customers), rng.Next(customers));
            b.Customer[j] = customer;
            b.IsInvoice[j] = isInvoice;
            b.CreatedTicks[j] = created;
            (b.Plan[j], b.AmountCents[j]) = DrawProduct(customer, rng);
            b.Id[j] = IdCodec.Make(isInvoice ? "in_" : "ch_", seed, IdCodec.StreamStripe, row, rng);
            b.SoRef[j] = "SO-" + (row + 1).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

            b.LedgerCents[j] = b.AmountCents[j];
            b.TranTicks[j] = SameDayLag(created, rng.NextLong(SixHours));
            b.ErpCustomer[j] = customer;
            b.ErpExternalId[j] = b.Id[j];
            b.ErpRef[j] = b.SoRef[j];
        }
    }

    /// <summary>Product line (60% subscription, 30% usage, 10% services), plan and amount in cents.</summary>
    public (short Plan, long Cents) DrawProduct(int customer, FastRng rng)
    {
        var line = rng.Next(100);
        if (line < 60)
        {
            var plan = catalog.Customers[customer].SubscriptionPlan;
            return ((short)plan, catalog.Plans[plan].PriceCents);
        }

        if (line < 90)
        {
            return ((short)(catalog.FirstUsagePlan + rng.Next(3)), Amounts.UsageCents(rng));
        }

        var services = catalog.FirstServicesPlan + rng.Next(3);
        return ((short)services, Amounts.ServicesCents(catalog.Plans[services].PriceCents, rng));
    }

    public string MakeId(bool isInvoice, int stream, long index, FastRng rng) =>
        IdCodec.Make(isInvoice ? "in_" : "ch_", layout.Options.Seed, stream, index, rng);

    /// <summary>created + lag, but never past the last second of created's UTC day (same day, same month).</summary>
    public static long SameDayLag(long createdTicks, long lagTicks)
    {
        var lastSecond = createdTicks - createdTicks % TimeSpan.TicksPerDay + TimeSpan.TicksPerDay - TimeSpan.TicksPerSecond;
        return TruncSeconds(Math.Min(createdTicks + lagTicks, lastSecond));
    }

    public static long TruncSeconds(long ticks) => ticks - ticks % TimeSpan.TicksPerSecond;
}
