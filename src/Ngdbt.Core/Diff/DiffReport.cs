using Ngdbt.Adapters;

namespace Ngdbt.Diff;

/// <summary>A column whose type differs between the two sides.</summary>
public sealed record TypeChange(string Name, string LeftType, string RightType);

/// <summary>A compared column: how many matched rows differ in it, and the share that agree (exact, 0–1).</summary>
public sealed record ColumnDiff(string Name, string Type, long Differing, decimal MatchRate);

/// <summary>A money column's totals on each side and their exact differences: over all rows (the change in the
/// column's total, rows only on one side included) and over the rows present on both sides.</summary>
public sealed record MoneyDiff(string Name, decimal LeftTotal, decimal RightTotal, decimal MatchedDelta)
{
    public decimal TotalDelta => RightTotal - LeftTotal;
}

/// <summary>One differing row of the sample: its side (only_left, only_right, changed), its key, and per compared
/// column the left and right values (formatted exactly).</summary>
public sealed record SampleRow(string Side, IReadOnlyList<string> Key, IReadOnlyList<(string Column, string Left, string Right)> Values);

/// <summary>What `ngdbt diff` found between two relations of a model, compared on a unique key.</summary>
public sealed record DiffReport(
    string Model,
    string Left,
    string Right,
    IReadOnlyList<string> Key,
    decimal Tolerance,
    IReadOnlyList<ColumnInfo> Added,
    IReadOnlyList<ColumnInfo> Removed,
    IReadOnlyList<TypeChange> TypeChanged,
    long LeftRows,
    long RightRows,
    long OnlyLeft,
    long OnlyRight,
    long Matched,
    long Changed,
    IReadOnlyList<ColumnDiff> Columns,
    IReadOnlyList<MoneyDiff> Money,
    IReadOnlyList<SampleRow> Sample)
{
    public bool SchemaChanged => Added.Count + Removed.Count + TypeChanged.Count > 0;

    public bool HasDifferences => SchemaChanged || OnlyLeft + OnlyRight + Changed > 0;
}

/// <summary>A diff that cannot run (unknown key column, key not unique, a relation missing): a user error.</summary>
public sealed class DiffException(string message) : Exception(message);
