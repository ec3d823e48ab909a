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
    ];

    public static string Name(AnomalyKind kind) => kind switch
    {
        AnomalyKind.MissingInErp => "missing_in_erp",
        AnomalyKind.AmountMismatch => "amount_mismatch",
        AnomalyKind.TimingDrift => "timing_drift",
        AnomalyKind.MetadataMismatch => "metadata_mismatch",
        AnomalyKind.DuplicateInErp => "duplicate_in_erp",
        AnomalyKind.OrphanInErp => "orphan_in_erp",
        _ => "none",
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
        _ => 0m,
    };
}
