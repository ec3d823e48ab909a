namespace NeoGlobal.DataGen;

/// <summary>Options for <see cref="NeoGlobalGenerator.Run"/>. <c>Rows</c> is the Stripe row count.</summary>
/// <param name="OutputDir">Root folder; raw data goes to <c>raw/</c>, answers to <c>ground_truth/</c>.</param>
/// <param name="Rows">Number of Stripe (billing) rows.</param>
/// <param name="Seed">Same seed gives identical data and a byte-identical ground truth.</param>
/// <param name="BatchSize">Rows generated and held in memory at once.</param>
/// <param name="Csv">Also write a CSV copy next to every Parquet file (same columns, same partitions).</param>
/// <param name="Rates">Anomaly rates as fractions of <c>Rows</c>; defaults when null.</param>
/// <param name="Start">First day of the billing period (UTC); 2025-01-01 when null.</param>
/// <param name="Months">Length of the billing period in months.</param>
/// <param name="Events">Number of distinct webhook events (a sample of charges), before duplicate deliveries.</param>
/// <param name="Model">A fitted model file (<c>neoglobal generate --fit</c>); base rows are sampled from it instead of the
/// hand-set pools, and the period (<c>Start</c>, <c>Months</c>) comes from the model. Null: hand-set pools.</param>
public sealed record GeneratorOptions(
    string OutputDir = "data",
    long Rows = 1_500_000,
    int Seed = 42,
    int BatchSize = 150_000,
    bool Csv = false,
    AnomalyRates? Rates = null,
    DateOnly? Start = null,
    int Months = 12,
    int Events = 50_000,
    string? Model = null);

/// <summary>Anomaly rates, each a fraction of the Stripe row count. Each transaction gets at most one anomaly.
/// The last seven are the shapes of real billing and ERP data (see the README); <see cref="WithoutShapes"/> turns them off,
/// which gives exactly the data of the generator before they existed.</summary>
/// <param name="SplitPosting">One charge posted as 2 or 3 ledger lines under its externalId (the lines sum to the charge).</param>
/// <param name="ConsolidatedPosting">Groups (2 or 3 charges of one customer) posted as one ledger line; a fraction of groups.</param>
/// <param name="Refund">A refund or a lost dispute of a charge, with its NetSuite credit memo.</param>
/// <param name="RefundNotInErp">A refund or a lost dispute with no credit memo in NetSuite.</param>
/// <param name="FeeNetting">The ledger line carries the charge net of Stripe's fee (2.9% + 30 cents).</param>
/// <param name="FxDifference">A charge presented in EUR, GBP or CAD; NetSuite converts with its own rate (cents of difference).</param>
/// <param name="SubCentRounding">A metered amount with sub-cent precision that NetSuite rounds to the cent.</param>
public sealed record AnomalyRates(
    decimal MissingInErp = 0.02m,
    decimal AmountMismatch = 0.01m,
    decimal TimingDrift = 0.005m,
    decimal MetadataMismatch = 0.004m,
    decimal DuplicateInErp = 0.002m,
    decimal OrphanInErp = 0.001m,
    decimal SplitPosting = 0.002m,
    decimal ConsolidatedPosting = 0.001m,
    decimal Refund = 0.004m,
    decimal RefundNotInErp = 0.001m,
    decimal FeeNetting = 0.002m,
    decimal FxDifference = 0.003m,
    decimal SubCentRounding = 0.002m)
{
    /// <summary>No anomaly at all (perfect pairs only).</summary>
    public static AnomalyRates None => new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>These rates with the real-world shapes scaled by <paramref name="scale"/> (0 turns them off).</summary>
    public AnomalyRates WithShapes(decimal scale) => this with
    {
        SplitPosting = SplitPosting * scale,
        ConsolidatedPosting = ConsolidatedPosting * scale,
        Refund = Refund * scale,
        RefundNotInErp = RefundNotInErp * scale,
        FeeNetting = FeeNetting * scale,
        FxDifference = FxDifference * scale,
        SubCentRounding = SubCentRounding * scale,
    };

    /// <summary>These rates with every real-world shape off: the generator's data from before the shapes existed.</summary>
    public AnomalyRates WithoutShapes() => WithShapes(0m);
}

/// <summary>Progress of one phase: <c>customers</c>, <c>rows</c> (Stripe rows written) or <c>finalize</c>.</summary>
public sealed record GenerationProgress(string Phase, long Done, long Total);

/// <summary>What was written. <c>ExpectedTotalLeakage</c> = billing amounts missing in ERP + |delta| of amount mismatches.</summary>
public sealed record GenerationReport(
    long StripeRows,
    long NetsuiteRows,
    long EventRows,
    IReadOnlyDictionary<string, long> AnomalyCounts,
    decimal ExpectedTotalLeakage,
    TimeSpan Elapsed,
    string GroundTruthPath);
