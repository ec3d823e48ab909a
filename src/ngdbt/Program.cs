using System.CommandLine;
using Ngdbt.Cli.Hosting;

namespace Ngdbt.Cli;

/// <summary>The framework CLI: ngdbt's verbs only. Project hosts add theirs through <see cref="ICliExtension"/>.</summary>
internal static class Program
{
    private static readonly CliApp App = new();

    public static int Main(string[] args)
    {
        using var collections = Diagnostics.GcEventLog.StartIfAsked();
        return App.Run(args);
    }

    internal static int Run(ParseResult parse, InvocationConfiguration? configuration = null) => App.Run(parse, configuration);

    internal static ParseResult Parse(string[] args) => App.Parse(args);
}
