namespace NeoGlobal.DataGen;

/// <summary>
/// Closed-form arithmetic shared by all batches: which global rows a batch owns, how many anomalies of
/// each kind it gets (floor(rate * end) - floor(rate * start), so the total is exactly floor(rate * Rows)),
/// the ordinal of its first anomaly of a kind, and the time slot of every row. Nothing here depends on
/// earlier batches having been generated, which is what keeps memory bounded.
/// </summary>
internal sealed class BatchLayout
{
    /// <param name="minBatchSpanTicks">Shortest time span of a batch when rows are not spread evenly (fitted model).</param>
    public BatchLayout(GeneratorOptions o, long? minBatchSpanTicks = null)
    {
        Options = o;
        Rates = o.Rates ?? new AnomalyRates();
        Start = new DateTime(o.Start ?? new DateOnly(2025, 1, 1), TimeOnly.MinValue, DateTimeKind.Utc);
        End = Start.AddMonths(o.Months);
        SlotTicks = (End - Start).Ticks / o.Rows;
        BatchCount = (int)((o.Rows + o.BatchSize - 1) / o.BatchSize);
        // Rows of batches at least CustomerClasses apart are more than 4 days apart; adjacent batches
        // use disjoint customer classes for unmatched rows (see FuzzyGuard).
        var batchSpan = minBatchSpanTicks ?? SlotTicks * o.BatchSize;
        CustomerClasses = (int)Math.Min(64, TimeSpan.FromDays(4).Ticks / Math.Max(1, batchSpan) + 2);
    }

    public GeneratorOptions Options { get; }
    public AnomalyRates Rates { get; }
    public DateTime Start { get; }
    public DateTime End { get; }
    public long SlotTicks { get; }
    public int BatchCount { get; }
    public int CustomerClasses { get; }

    public long FirstRow(int batch) => (long)batch * Options.BatchSize;

    public int RowCount(int batch) => (int)(Math.Min(Options.Rows, FirstRow(batch + 1)) - FirstRow(batch));

    public static long Floor(decimal rate, long n) => (long)decimal.Floor(rate * n);

    /// <summary>Global ordinal of the batch's first anomaly of <paramref name="kind"/>.</summary>
    public long FirstOrdinal(AnomalyKind kind, int batch) => Floor(AnomalyNames.Rate(Rates, kind), FirstRow(batch));

    public int Quota(AnomalyKind kind, int batch) =>
        (int)(Floor(AnomalyNames.Rate(Rates, kind), FirstRow(batch) + RowCount(batch)) - FirstOrdinal(kind, batch));

    /// <summary>Rows used by the consolidated-posting groups of ordinals [0, n): group o has 2 + o % 2 charges.</summary>
    public static long GroupRows(long n) => 2 * n + n / 2;

    /// <summary>Extra ledger lines of split postings [0, n) (posting o has 2 + o % 2 lines), and equally the lines saved by
    /// consolidated groups [0, n) (one line for 2 + o % 2 charges): n + n / 2 either way.</summary>
    public static long ExtraLines(long n) => n + n / 2;

    /// <summary>Rows of the batch that carry an anomaly (a consolidated group counts each of its charges).</summary>
    public int RowsWithAnomalies(int batch)
    {
        var total = 0;
        foreach (var kind in AnomalyNames.All)
        {
            if (kind == AnomalyKind.OrphanInErp)
            {
                continue;
            }

            total += kind == AnomalyKind.ConsolidatedPosting ? GroupRowsOf(batch) : Quota(kind, batch);
        }

        return total;
    }

    public int GroupRowsOf(int batch)
    {
        var first = FirstOrdinal(AnomalyKind.ConsolidatedPosting, batch);
        return (int)(GroupRows(first + Quota(AnomalyKind.ConsolidatedPosting, batch)) - GroupRows(first));
    }

    public static long Total(decimal rate, long rows) => Floor(rate, rows);

    public long EventsFirst(int batch) => (long)Options.Events * FirstRow(batch) / Options.Rows;

    public int EventQuota(int batch) => (int)((long)Options.Events * (FirstRow(batch) + RowCount(batch)) / Options.Rows - EventsFirst(batch));

    /// <summary>Created time of global row <paramref name="row"/>: inside its own slot, whole seconds.</summary>
    public DateTime SlotStart(long row) => Start.AddTicks(row * SlotTicks);
}
