namespace Ngdbt.Adapters;

/// <summary>What an incremental run does when the query's columns differ from the table's (`on_schema_change`):
/// `ignore` (default) inserts the shared columns, `fail` stops, `append_new_columns` adds the new ones,
/// `sync_all_columns` adds the new and drops the missing ones. Type changes of kept columns are not applied.</summary>
public sealed record SchemaChange(IReadOnlyList<ColumnInfo> Add, IReadOnlyList<ColumnInfo> Drop, IReadOnlyList<string> InsertColumns)
{
    public static readonly IReadOnlySet<string> Modes = new HashSet<string>(StringComparer.Ordinal) { "ignore", "fail", "append_new_columns", "sync_all_columns" };

    public static SchemaChange Plan(RelationRef relation, IReadOnlyList<ColumnInfo> table, IReadOnlyList<ColumnInfo> query, TableLayout? layout)
    {
        var mode = layout?.Config.GetValueOrDefault("on_schema_change") as string ?? "ignore";
        if (!Modes.Contains(mode))
        {
            throw new AdapterSqlException($"on_schema_change '{mode}' is not one of {string.Join(", ", Modes.Order(StringComparer.Ordinal))}");
        }

        bool In(IReadOnlyList<ColumnInfo> list, ColumnInfo c) => list.Any(x => string.Equals(x.Name, c.Name, StringComparison.OrdinalIgnoreCase));
        var added = query.Where(c => !In(table, c)).ToList();
        var removed = table.Where(c => !In(query, c)).ToList();
        var shared = query.Where(c => In(table, c)).Select(c => c.Name).ToList();
        switch (mode)
        {
            case "fail" when added.Count > 0 || removed.Count > 0:
                throw new AdapterSqlException($"{relation.Identifier}: on_schema_change is 'fail' and the columns changed (new: {Names(added)}; missing: {Names(removed)})");
            case "append_new_columns":
                return new SchemaChange(added, [], [.. query.Select(c => c.Name)]);
            case "sync_all_columns":
                return new SchemaChange(added, removed, [.. query.Select(c => c.Name)]);
            default:
                return new SchemaChange([], [], shared);
        }
    }

    private static string Names(IReadOnlyList<ColumnInfo> columns) => columns.Count == 0 ? "none" : string.Join(", ", columns.Select(c => c.Name));
}
