using Ngdbt.Load;

namespace Ngdbt.Adapters.Postgres;

/// <summary>Citus (distributed PostgreSQL) as profile `type: citus`: the PostgreSQL adapter, plus table placement from
/// the model configs `distributed_by`, `colocate_with` and `reference` (see <see cref="CitusLayout"/>), applied to the
/// new table inside the atomic swap.</summary>
public sealed class CitusAdapterFactory : IAdapterFactory
{
    private readonly PostgresAdapterFactory _postgres = new();

    public string Type => "citus";

    public IReadOnlyList<ProfileField> Fields { get; } =
    [
        .. new PostgresAdapterFactory().Fields,
        new("shard_count", "shards per distributed table (citus.shard_count)", Default: "32", IsInteger: true),
    ];

    public AdapterCapabilities Capabilities => PostgresAdapterFactory.PostgresCapabilities;

    /// <summary>The PostgreSQL overrides apply (`postgres__name`); Citus-specific ones would be `citus__name`.</summary>
    public IReadOnlyList<MacroSource> Macros { get; } = [.. PostgresAdapterFactory.ReadMacros().Select(m => m with { Text = m.Text.Replace("postgres__", "citus__", StringComparison.Ordinal) })];

    public IReadOnlyList<string> ConfigKeys { get; } = [CitusLayout.DistributedBy, CitusLayout.ColocateWith, CitusLayout.Reference];

    public string DefaultSchema => _postgres.DefaultSchema;

    public string DatabaseName(TargetConfig target) => _postgres.DatabaseName(target);

    public IDatabaseAdapter Create(TargetConfig target, bool readOnly = false) => new PostgresAdapter(target, readOnly, citus: true);
}
