using System.CommandLine;
using Ngdbt.Diagnostics;

namespace Ngdbt.Cli.Hosting;

/// <summary>A command line made of the framework's verbs plus those of any <see cref="ICliExtension"/>:
/// `ngdbt` is <c>new CliApp()</c>; a project's own host names itself and adds its verbs.</summary>
public sealed class CliApp
{
    private readonly List<ICliExtension> _extensions = [];

    public CliApp(string name = "ngdbt", string description = "ngdbt: SQL models, tests and lineage docs on embedded DuckDB")
    {
        Name = name;
        Description = description;
    }

    /// <summary>The command name used in usage errors ("{Name}: error NG0041: ...").</summary>
    public string Name { get; }

    public string Description { get; }

    public CliApp Add(ICliExtension extension)
    {
        _extensions.Add(extension);
        return this;
    }

    /// <summary>The framework verbs, then each extension's; an extension may not replace a verb already there.</summary>
    public RootCommand BuildRoot()
    {
        var root = FrameworkVerbs.Build(Description);
        foreach (var extension in _extensions)
        {
            var before = root.Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            extension.Register(root);
            var clash = root.Subcommands.Select(c => c.Name).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1 && before.Contains(g.Key));
            if (clash is not null)
            {
                throw new InvalidOperationException($"{extension.GetType().Name} adds a verb '{clash.Key}' that already exists");
            }
        }

        return root;
    }

    /// <summary>Response files are off: `@model` is dbt's selector syntax, not a file to expand.</summary>
    public ParseResult Parse(string[] args) => BuildRoot().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    public int Run(string[] args) => Run(Parse(args));

    /// <summary>Usage errors (unknown verb, bad option value) exit with 2, like project errors, and say what was wrong.</summary>
    public int Run(ParseResult parse, InvocationConfiguration? configuration = null)
    {
        if (parse.Errors.Count == 0)
        {
            return configuration is null ? parse.Invoke() : parse.Invoke(configuration);
        }

        var error = configuration?.Error ?? Console.Error;
        foreach (var e in parse.Errors)
        {
            error.WriteLine($"{Name}: error {DiagnosticCodes.UsageError}: {e.Message}");
        }

        error.WriteLine($"Run '{Name} --help' for the verbs and options.");
        return CliVerbs.ExitUsage;
    }
}
