namespace Ngdbt.Adapters.Postgres;

/// <summary>Citus placement of a table from its model configs: `reference: true` → a reference table (a copy on every
/// node, for small dimensions), `distributed_by: column` → hash-distributed in shards on the workers, co-located with
/// `colocate_with: model` or, by default, with every table distributed on a column of the same type.</summary>
internal sealed class CitusLayout(PostgresDialect dialect)
{
    public const string DistributedBy = "distributed_by";
    public const string ColocateWith = "colocate_with";
    public const string Reference = "reference";

    /// <summary>The statement that places the table (with `{table}` for its name, and `{colocate}` for the table to
    /// co-locate with, <see cref="ColocationTarget"/>), or null for a local table.</summary>
    public string? Placement(RelationRef relation, TableLayout? layout)
    {
        if (layout is null)
        {
            return null;
        }

        var config = layout.Config;
        var reference = config.GetValueOrDefault(Reference) is true or "true";
        var column = config.GetValueOrDefault(DistributedBy) as string;
        if (reference && column is not null)
        {
            throw new AdapterSqlException($"{relation.Identifier}: `reference: true` and `distributed_by: {column}` exclude each other (a reference table is copied whole to every node)");
        }

        if (reference)
        {
            return "SELECT create_reference_table({table})";
        }

        if (column is null)
        {
            return config.ContainsKey(ColocateWith)
                ? throw new AdapterSqlException($"{relation.Identifier}: `colocate_with` needs `distributed_by`")
                : null;
        }

        _ = ColocationTarget(relation, layout);
        return $"SELECT create_distributed_table({{table}}, {dialect.Literal(column)}, colocate_with => {{colocate}})";
    }

    /// <summary>Whether the configs hash-distribute the table in shards (`distributed_by`).</summary>
    public static bool IsDistributed(TableLayout? layout)
        => layout?.Config.GetValueOrDefault(DistributedBy) is string;

    /// <summary>The relation named by `colocate_with`, or null for Citus's default group (every table distributed on a
    /// column of the same type).</summary>
    public RelationRef? ColocationTarget(RelationRef relation, TableLayout layout)
        => layout.Config.GetValueOrDefault(ColocateWith) is string model
            ? layout.ResolveModel(model) ?? throw new AdapterSqlException($"{relation.Identifier}: colocate_with '{model}' is not a model, seed or snapshot of this project")
            : null;
}
