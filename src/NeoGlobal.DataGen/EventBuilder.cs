using System.Globalization;

namespace NeoGlobal.DataGen;

/// <summary>
/// Stripe webhook-style <c>charge.succeeded</c> events (NDJSON) for a sample of the batch's charges.
/// Deliberately messy: "metadata"/"Metadata" and "external_id"/"External_ID" key casing, amount in
/// integer cents sometimes sent as a string, some null metadata / external ids, and ~2% of events
/// delivered twice (same evt id on two lines).
/// </summary>
internal sealed class EventBuilder(BatchLayout layout)
{
    private readonly List<int> _charges = [];

    public void Build(Batch b, FastRng rng)
    {
        _charges.Clear();
        for (var j = 0; j < b.Count; j++)
        {
            if (!b.IsInvoice[j])
            {
                _charges.Add(j);
            }
        }

        var quota = Math.Min(layout.EventQuota(b.Index), _charges.Count);
        var first = layout.EventsFirst(b.Index);
        for (var k = 0; k < quota; k++)
        {
            var pick = k + rng.Next(_charges.Count - k);
            (_charges[k], _charges[pick]) = (_charges[pick], _charges[k]);
        }

        // Sorted back into row order so a file reads chronologically.
        _charges.Sort(0, quota, Comparer<int>.Default);
        var sb = b.Events;
        for (var k = 0; k < quota; k++)
        {
            var j = _charges[k];
            var evtId = IdCodec.Make("evt_", layout.Options.Seed, IdCodec.StreamEvent, first + k, rng);
            var start = sb.Length;
            Append(b, j, evtId, rng);
            b.EventLines++;
            if (rng.Next(100) < 2)
            {
                // Duplicate delivery: the exact same payload again.
                var line = sb.ToString(start, sb.Length - start);
                sb.Append(line);
                b.EventLines++;
            }
        }
    }

    private static void Append(Batch b, int j, string evtId, FastRng rng)
    {
        var sb = b.Events;
        var created = (b.CreatedTicks[j] - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
        var cents = b.AmountCents[j].ToString(CultureInfo.InvariantCulture);
        sb.Append("{\"id\":\"").Append(evtId).Append("\",\"type\":\"charge.succeeded\",\"created\":")
          .Append(created.ToString(CultureInfo.InvariantCulture))
          .Append(",\"data\":{\"object\":{\"id\":\"").Append(b.Id[j]).Append("\",\"amount\":");
        if (rng.Next(10) == 0)
        {
            sb.Append('"').Append(cents).Append('"');
        }
        else
        {
            sb.Append(cents);
        }

        sb.Append(",\"currency\":\"usd\",\"").Append(rng.Next(10) < 3 ? "Metadata" : "metadata").Append("\":");
        var nulls = rng.Next(100);
        if (nulls < 2)
        {
            sb.Append("null");
        }
        else
        {
            sb.Append("{\"").Append(rng.Next(4) == 0 ? "External_ID" : "external_id").Append("\":");
            if (nulls < 5)
            {
                sb.Append("null");
            }
            else
            {
                sb.Append('"').Append(b.SoRef[j]).Append('"');
            }

            sb.Append('}');
        }

        sb.Append("}}}\n");
    }
}
