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

    /// <summary>`--project-dir` (recursive: set on the root, read by every verb).</summary>
    public static Option<string> ProjectDir => CommonOptions.ProjectDir;

    /// <summary>`--host` of `docs serve`: the address a server binds (127.0.0.1 unless inside a container).</summary>
    public static Option<string> Host => DocsCommand.Host;

    /// <summary>The project folder named by --project-dir, as a full path.</summary>
    public static string ProjectRoot(ParseResult parse) => Path.GetFullPath(parse.Value(CommonOptions.ProjectDir) ?? ".");

    /// <summary>Loads project.yml and the profile as the framework verbs do; prints the diagnostics and returns null on errors.</summary>
    public static LoadedProject? LoadProject(ParseResult parse, ConsoleOutput output) => Session.LoadProject(parse, output);
}
