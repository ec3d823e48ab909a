namespace Ngdbt.Templating;

/// <summary>What `{{ this }}` and `{{ ref('x') }}` render to: the quoted relation name, with dbt's attributes.</summary>
public sealed class RelationValue(string schema, string identifier, string rendered)
{
    public string Schema { get; } = schema;

    public string Identifier { get; } = identifier;

    public string Name => Identifier;

    public override string ToString() => rendered;
}
