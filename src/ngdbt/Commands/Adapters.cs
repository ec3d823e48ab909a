using Ngdbt.Adapters;
using Ngdbt.Adapters.DuckDb;
using Ngdbt.Adapters.Postgres;

namespace Ngdbt.Cli.Commands;

/// <summary>The adapters this build of the CLI offers: the registry is the only place that names them.</summary>
internal static class CliAdapters
{
    public static readonly AdapterRegistry Registry = AdapterRegistry.Empty
        .Add(new DuckDbAdapterFactory())
        .Add(new PostgresAdapterFactory())
        .Add(new CitusAdapterFactory())
        .WithFileEngine(DuckDbAdapterFactory.FileEngine);

    public static readonly Engine.NgdbtEngine Engine = new(Registry);
}
