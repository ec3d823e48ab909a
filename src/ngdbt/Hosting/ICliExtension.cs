using System.CommandLine;

namespace Ngdbt.Cli.Hosting;

/// <summary>The plug-in point for a host built on ngdbt: adds a project's own verbs next to the framework's.
/// A host passes its extensions to <see cref="CliApp.Add"/>; the framework CLI itself runs with none.</summary>
public interface ICliExtension
{
    /// <summary>Adds verbs to <paramref name="root"/>, which already holds every framework verb and global option
    /// (`--project-dir` and the others are recursive: a verb sees them without adding them). Options are per tree and
    /// read by name: <c>parse.Value(option)</c> (<see cref="ParseValues"/>), <see cref="CliVerbs.ProjectRoot"/>.</summary>
    void Register(RootCommand root);
}
