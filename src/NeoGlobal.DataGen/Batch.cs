using System.Text;

namespace NeoGlobal.DataGen;

/// <summary>
/// One batch in struct-of-arrays form: each Stripe row with the ERP row derived from it, plus the
/// extra ERP-only rows (orphans). Buffers are allocated once with capacity BatchSize and reused, so the
/// generator never holds more than <see cref="BatchPool"/>'s fixed number of batches.
/// </summary>
internal sealed class Batch
{
    public Batch(int capacity)
    {
        Capacity = capacity;
        Id = new string[capacity];
        SoRef = new string[capacity];
        IsInvoice = new bool[capacity];
        Customer = new int[capacity];
        Plan = new short[capacity];
        AmountCents = new long[capacity];
        CreatedTicks = new long[capacity];
        Anomaly = new AnomalyKind[capacity];
        Variant = new byte[capacity];
        LedgerCents = new long[capacity];
        TranTicks = new long[capacity];
        ErpCustomer = new int[capacity];
        ErpExternalId = new string?[capacity];
        ErpRef = new string?[capacity];
        Memo = new string?[capacity];
        InternalId = new long[capacity];
        DupInternalId = new long[capacity];
        DupTranTicks = new long[capacity];
        Perm = new int[capacity];
        SubCent = new short[capacity];
        Currency = new byte[capacity];
        PresentmentCents = new long[capacity];
        StripeRateMicros = new long[capacity];
        ErpRateMicros = new long[capacity];
        SplitCents = new long[capacity * 2];
        GroupAnchor = new int[capacity];
    }

    public int Capacity { get; }
    public int Index { get; set; }
    public int Count { get; set; }
    public long FirstRow { get; set; }

    // Stripe side (billing truth).
    public string[] Id { get; }
    public string[] SoRef { get; }
    public bool[] IsInvoice { get; }
    public int[] Customer { get; }
    public short[] Plan { get; }
    public long[] AmountCents { get; }
    public long[] CreatedTicks { get; }

    // Anomaly assignment.
    public AnomalyKind[] Anomaly { get; }
    public byte[] Variant { get; }

    // ERP side derived from the Stripe row (skipped when Anomaly == MissingInErp).
    public long[] LedgerCents { get; }
    public long[] TranTicks { get; }
    public int[] ErpCustomer { get; }
    public string?[] ErpExternalId { get; }
    public string?[] ErpRef { get; }
    /// <summary>Null means the default memo "Stripe: {id}".</summary>
    public string?[] Memo { get; }
    public long[] InternalId { get; }
    public long[] DupInternalId { get; }
    public long[] DupTranTicks { get; }

    // Real-world shapes (zero / USD / unused unless a shape is injected on the row).
    /// <summary>Hundredths of a cent added to the Stripe amount (sub-cent rounding; the ledger rounds to the cent).</summary>
    public short[] SubCent { get; }
    /// <summary>Presentment currency: 0 USD (then the presentment amount is the amount, rates 1), else <see cref="Fx"/>.</summary>
    public byte[] Currency { get; }
    public long[] PresentmentCents { get; }
    public long[] StripeRateMicros { get; }
    public long[] ErpRateMicros { get; }
    /// <summary>Split postings: the first two line amounts (2 per row); the last line takes the rest.</summary>
    public long[] SplitCents { get; }
    /// <summary>Consolidated postings: the row of the group that carries the one ledger line.</summary>
    public int[] GroupAnchor { get; }
    public List<RefundRow> Refunds { get; } = [];
    /// <summary>Consolidated groups: the anchor and the other charges (Third is -1 for a group of two).</summary>
    public List<(int Anchor, int Second, int Third)> Groups { get; } = [];

    /// <summary>Scratch permutation for sampling positions without replacement.</summary>
    public int[] Perm { get; }

    public List<OrphanRow> Orphans { get; } = [];
    public StringBuilder Events { get; } = new();
    public StringBuilder GroundTruth { get; } = new();
    public long EventLines { get; set; }
    public long ErpRows { get; set; }
    public BatchTotals Totals { get; } = new();

    public void Reset(int index, long firstRow, int count)
    {
        Index = index;
        FirstRow = firstRow;
        Count = count;
        Orphans.Clear();
        Refunds.Clear();
        Groups.Clear();
        Events.Clear();
        GroundTruth.Clear();
        EventLines = 0;
        ErpRows = 0;
        Totals.Clear();
        Array.Clear(Anomaly, 0, count);
        Array.Clear(Variant, 0, count);
        Array.Fill(Memo, null, 0, count);
        Array.Clear(SubCent, 0, count);
        Array.Clear(Currency, 0, count);
    }
}

/// <summary>A Stripe refund (<c>re_</c>) or lost dispute (<c>dp_</c>) of row <c>Charge</c>, for <c>Cents</c> (a positive
/// magnitude; written negative), with its NetSuite credit memo unless <c>HasMemo</c> is false.</summary>
internal sealed record RefundRow(string Id, int Charge, RefundVariant Variant, long Cents, long CreatedTicks, bool HasMemo, long MemoTicks, long MemoInternalId = 0);

internal sealed record OrphanRow(long InternalId, string ExternalId, bool IsInvoice, int Customer, short Plan, long Cents, long TranTicks);

/// <summary>Per-batch counters, summed into the report and summary.json.</summary>
internal sealed class BatchTotals
{
    public long[] Counts { get; } = new long[16];
    public Dictionary<string, long> Details { get; } = new(StringComparer.Ordinal);
    public long MissingCents { get; set; }
    public long MismatchAbsCents { get; set; }
    public long OverstatementCents { get; set; }

    public void Clear()
    {
        Array.Clear(Counts);
        Details.Clear();
        MissingCents = 0;
        MismatchAbsCents = 0;
        OverstatementCents = 0;
    }

    public void Add(AnomalyKind kind, string detail)
    {
        Counts[(int)kind]++;
        var key = AnomalyNames.Name(kind) + ":" + detail;
        Details[key] = Details.GetValueOrDefault(key) + 1;
    }
}
