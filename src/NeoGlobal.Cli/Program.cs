using Ngdbt.Cli.Hosting;

namespace NeoGlobal.Cli;

/// <summary>`neoglobal`: `neoglobal build` is `ngdbt build`, and so for every framework verb; `generate`, `serve` and
/// `dashboard export` are NeoGlobal's own.</summary>
internal static class Program
{
    public static int Main(string[] args) => App().Run(args);

    internal static CliApp App() => new CliApp("neoglobal", "neoglobal: the NeoGlobal reconciliation project on ngdbt, with its data generator and leakage dashboard")
        .Add(new NeoGlobalVerbs());
}
