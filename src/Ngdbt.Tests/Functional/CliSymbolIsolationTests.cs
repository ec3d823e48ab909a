using System.CommandLine;
using Ngdbt.Cli.Hosting;
using Xunit;

namespace Ngdbt.Tests.Functional;

/// <summary>System.CommandLine's options and arguments are not thread-safe: adding one to a command changes it, and a
/// parse reads and caches on it. Shared between command trees (static fields), two parses at once broke each other (a
/// NullReferenceException inside the parser, seen in CI). Every tree has its own symbols.</summary>
public sealed class CliSymbolIsolationTests
{
    [Fact]
    public void Two_command_trees_share_no_option_or_argument()
    {
        var app = new CliApp();
        var first = Symbols(app.BuildRoot()).ToList();
        var second = Symbols(app.BuildRoot()).ToHashSet(ReferenceEqualityComparer.Instance);
        Assert.NotEmpty(first);
        var shared = first.Where(second.Contains).Select(s => s.Name).Distinct().ToList();
        Assert.True(shared.Count == 0, "shared between trees: " + string.Join(", ", shared));
    }

    [Fact]
    public void Parallel_parses_each_read_their_own_values()
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(4, Environment.ProcessorCount) }, i =>
        {
            var dir = "project-" + i;
            var parse = new CliApp().Parse(["compile", "-s", "m" + i, "--threads", (1 + (i % 7)).ToString(System.Globalization.CultureInfo.InvariantCulture), "--project-dir", dir]);
            if (parse.Errors.Count > 0 || parse.Value(Ngdbt.Cli.Commands.CommonOptions.ProjectDir) != dir
                || parse.Value(Ngdbt.Cli.Commands.CommonOptions.Select) is not [var s] || s != "m" + i
                || parse.Value(Ngdbt.Cli.Commands.CommonOptions.Threads) != 1 + (i % 7))
            {
                failures.Add($"{i}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            }
        });
        Assert.Empty(failures);
    }

    private static IEnumerable<Symbol> Symbols(Command command)
    {
        foreach (var option in command.Options)
        {
            yield return option;
        }

        foreach (var argument in command.Arguments)
        {
            yield return argument;
        }

        foreach (var symbol in command.Subcommands.SelectMany(Symbols))
        {
            yield return symbol;
        }
    }
}
