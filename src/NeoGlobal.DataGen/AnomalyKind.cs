namespace NeoGlobal.DataGen;

/// <summary>At most one anomaly per Stripe row; <see cref="OrphanInErp"/> rows are extra ERP rows.</summary>
internal enum AnomalyKind : byte
{
    None = 0,
    MissingInErp,
    AmountMismatch,
    TimingDrift,
    MetadataMismatch,
    DuplicateInErp,
    OrphanInErp,
    SplitPosting,
    ConsolidatedPosting,
    Refund,
    RefundNotInErp,
    FeeNetting,
    FxDifference,
    SubCentRounding,
}

/// <summary>What a refund row is (round-robin by ordinal): full, partial, refunded in a later month, or a lost dispute.</summary>
internal enum RefundVariant : byte
{
    Full = 0,
    Partial,
    LaterPeriod,
    Chargeback,
}

internal enum MetadataVariant : byte
{
    IdCase = 0,
    IdWhitespace,
    IdPrefix,
    WrongCustomer,
    MissingId,
}

internal static class AnomalyNames
{
    public static readonly AnomalyKind[] All =
    [
        AnomalyKind.MissingInErp, AnomalyKind.AmountMismatch, AnomalyKind.TimingDrift,
        AnomalyKind.MetadataMismatch, AnomalyKind.DuplicateInErp, AnomalyKind.OrphanInErp,
        AnomalyKind.SplitPosting, AnomalyKind.ConsolidatedPosting, AnomalyKind.Refund, AnomalyKind.RefundNotInErp,
        AnomalyKind.FeeNetting, AnomalyKind.FxDifference, AnomalyKind.SubCentRounding,
    ];

    public static string Name(AnomalyKind kind) => kind switch
    {
        AnomalyKind.MissingInErp => "missing_in_erp",
        AnomalyKind.AmountMismatch => "amount_mismatch",
        AnomalyKind.TimingDrift => "timing_drift",
        AnomalyKind.MetadataMismatch => "metadata_mismatch",
        AnomalyKind.DuplicateInErp => "duplicate_in_erp",
        AnomalyKind.OrphanInErp => "orphan_in_erp",
        AnomalyKind.SplitPosting => "split_posting",
        AnomalyKind.ConsolidatedPosting => "consolidated_posting",
        AnomalyKind.Refund => "refund",
        AnomalyKind.RefundNotInErp => "refund_missing_in_erp",
        AnomalyKind.FeeNetting => "fee_netting",
        AnomalyKind.FxDifference => "fx_difference",
        AnomalyKind.SubCentRounding => "rounding_difference",
        _ => "none",
    };

    public static string Name(RefundVariant v) => v switch
    {
        RefundVariant.Full => "full_refund",
        RefundVariant.Partial => "partial_refund",
        RefundVariant.LaterPeriod => "later_period_refund",
        _ => "chargeback",
    };

    public static string Name(MetadataVariant v) => v switch
    {
        MetadataVariant.IdCase => "id_case",
        MetadataVariant.IdWhitespace => "id_whitespace",
        MetadataVariant.IdPrefix => "id_prefix",
        MetadataVariant.WrongCustomer => "wrong_customer",
        _ => "missing_id",
    };

    public static decimal Rate(AnomalyRates r, AnomalyKind kind) => kind switch
    {
        AnomalyKind.MissingInErp => r.MissingInErp,
        AnomalyKind.AmountMismatch => r.AmountMismatch,
        AnomalyKind.TimingDrift => r.TimingDrift,
        AnomalyKind.MetadataMismatch => r.MetadataMismatch,
        AnomalyKind.DuplicateInErp => r.DuplicateInErp,
        AnomalyKind.OrphanInErp => r.OrphanInErp,
        AnomalyKind.SplitPosting => r.SplitPosting,
        AnomalyKind.ConsolidatedPosting => r.ConsolidatedPosting,
        AnomalyKind.Refund => r.Refund,
        AnomalyKind.RefundNotInErp => r.RefundNotInErp,
        AnomalyKind.FeeNetting => r.FeeNetting,
        AnomalyKind.FxDifference => r.FxDifference,
        AnomalyKind.SubCentRounding => r.SubCentRounding,
        _ => 0m,
    };
}
