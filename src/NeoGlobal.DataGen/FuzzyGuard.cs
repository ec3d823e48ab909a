namespace NeoGlobal.DataGen;

/// <summary>
/// Makes the fuzzy fallback (same customer + same amount + date within 3 days) unambiguous.
/// "Unmatched" rows are the billing rows missing in ERP, both sides of missing_id rows and the orphan
/// ERP rows. For those rows only:
/// <list type="bullet">
/// <item>customers come from class (batch mod CustomerClasses) of the pool, so unmatched rows of
/// batches closer than 4 days in time never share a customer;</item>
/// <item>inside a batch, (customer, amount) is unique among them (re-draw the customer, then nudge the
/// amount by a cent if a class is crowded).</item>
/// </list>
/// Hence a missing_id ERP row has exactly one fuzzy candidate (its own billing row) and an orphan none,
/// decided per batch without remembering other batches.
/// </summary>
internal sealed class FuzzyGuard(BatchLayout layout, Catalog catalog)
{
    private readonly HashSet<(int Customer, long Cents)> _taken = [];

    public void Apply(Batch b, FastRng rng)
    {
        _taken.Clear();
        var classes = layout.CustomerClasses;
        var cls = b.Index % classes;
        var perClass = catalog.Customers.Count / classes;
        for (var j = 0; j < b.Count; j++)
        {
            var unmatched = b.Anomaly[j] == AnomalyKind.MissingInErp
                || (b.Anomaly[j] == AnomalyKind.MetadataMismatch && b.Variant[j] == (byte)MetadataVariant.MissingId);
            if (!unmatched)
            {
                continue;
            }

            var isSubscription = catalog.PlanFollowsCustomer && catalog.Plans[b.Plan[j]].Line == ProductLine.Subscription;
            var cents = b.AmountCents[j];
            var customer = Pick(cls, classes, perClass, ref cents, isSubscription, rng, out var plan);
            b.Customer[j] = customer;
            b.ErpCustomer[j] = customer;
            if (isSubscription)
            {
                b.Plan[j] = (short)plan;
            }

            b.AmountCents[j] = cents;
            b.LedgerCents[j] = cents;
        }

        for (var k = 0; k < b.Orphans.Count; k++)
        {
            var o = b.Orphans[k];
            var isSubscription = catalog.PlanFollowsCustomer && catalog.Plans[o.Plan].Line == ProductLine.Subscription;
            var cents = o.Cents;
            var customer = Pick(cls, classes, perClass, ref cents, isSubscription, rng, out var plan);
            b.Orphans[k] = o with { Customer = customer, Cents = cents, Plan = isSubscription ? (short)plan : o.Plan };
        }

        foreach (var (anchor, second, third) in b.Groups)
        {
            Consolidate(b, anchor, second, third, cls, classes, perClass, rng);
        }
    }

    /// <summary>A consolidated group's charges are unmatched rows of one customer: each (customer, amount) and the line's
    /// (customer, sum) are unique among the batch's unmatched rows, so neither the fuzzy rung nor another sum can take them.</summary>
    private void Consolidate(Batch b, int anchor, int second, int third, int cls, int classes, int perClass, FastRng rng)
    {
        var cents = b.AmountCents[anchor];
        var customer = Pick(cls, classes, perClass, ref cents, isSubscription: false, rng, out _);
        b.AmountCents[anchor] = cents;
        int[] others = third < 0 ? [second] : [second, third];
        foreach (var j in others)
        {
            while (!_taken.Add((customer, b.AmountCents[j])))
            {
                b.AmountCents[j]++;
            }
        }

        var last = others[^1];
        var total = b.AmountCents[anchor] + b.AmountCents[second] + (third < 0 ? 0 : b.AmountCents[third]);
        while (_taken.Contains((customer, total)))
        {
            // Move the last charge up a cent (to an amount still free) until the sum is free too.
            _taken.Remove((customer, b.AmountCents[last]));
            do
            {
                b.AmountCents[last]++;
                total++;
            }
            while (_taken.Contains((customer, b.AmountCents[last])));
            _taken.Add((customer, b.AmountCents[last]));
        }

        _taken.Add((customer, total));
        var memo = new System.Text.StringBuilder("Stripe consolidated: ").Append(b.Id[anchor]);
        foreach (var j in others)
        {
            memo.Append(", ").Append(b.Id[j]);
        }

        foreach (var j in (int[])[anchor, .. others])
        {
            b.Customer[j] = customer;
            b.ErpCustomer[j] = customer;
            b.LedgerCents[j] = b.AmountCents[j];
        }

        b.LedgerCents[anchor] = total;
        b.Memo[anchor] = memo.ToString();
    }

    private int Pick(int cls, int classes, int perClass, ref long cents, bool isSubscription, FastRng rng, out int plan)
    {
        for (var attempt = 0; ; attempt++)
        {
            var customer = rng.Next(perClass) * classes + cls;
            plan = catalog.Customers[customer].SubscriptionPlan;
            if (isSubscription && attempt < 32)
            {
                // A subscription bills the new customer's own plan price.
                cents = catalog.Plans[plan].PriceCents;
            }
            else if (attempt >= 32)
            {
                cents += 1;
            }

            if (_taken.Add((customer, cents)))
            {
                return customer;
            }
        }
    }
}
