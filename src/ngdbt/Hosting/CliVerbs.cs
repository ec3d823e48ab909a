using System.CommandLine;
using Ngdbt.Cli.Commands;
using Ngdbt.Cli.Output;
using Ngdbt.Load;

namespace Ngdbt.Cli.Hosting;

/// <summary>What an extension's verbs share with the framework's: the global options, the exit codes and loading the
/// project (profiles, target, vars) exactly as the framework verbs do.</summary>
public static class CliVerbs
{
    public const int ExitOk = Session.ExitOk;
    public const int ExitNodeFailure = Session.ExitNodeFailure;
    public const int ExitUsage = Session.ExitUsage;

    /// <summary>`--project-dir` (recursive: the root has it, every verb sees it). A new instance on each read (see
    /// <see cref="ParseValues"/>): read its value with <c>parse.Value(CliVerbs.ProjectDir)</c> or
    /// <see cref="ProjectRoot"/>, and never add it to a subcommand (that would be a second `--project-dir`).</summary>
    public static Option<string> ProjectDir => CommonOptions.ProjectDir;

    /// <summary>`--host` of `docs serve`: the address a server binds (127.0.0.1 unless inside a container). A new
    /// instance on each read: add it to the verb that serves, and read it with <c>parse.Value(CliVerbs.Host)</c>.</summary>
    public static Option<string> Host => DocsCommand.Host;

    /// <summary>The project folder named by --project-dir, as a full path.</summary>
    public static string ProjectRoot(ParseResult parse) => Path.GetFullPath(parse.Value(CommonOptions.ProjectDir) ?? ".");

    /// <summary>Loads project.yml and the profile as the framework verbs do; prints the diagnostics and returns null on errors.</summary>
    public static LoadedProject? LoadProject(ParseResult parse, ConsoleOutput output) => Session.LoadProject(parse, output);
}
