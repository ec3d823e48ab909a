using System.CommandLine;

namespace Ngdbt.Cli.Hosting;

/// <summary>The plug-in point for a host built on ngdbt: adds a project's own verbs next to the framework's.
/// A host passes its extensions to <see cref="CliApp.Add"/>; the framework CLI itself runs with none.</summary>
public interface ICliExtension
{
    /// <summary>Adds verbs to <paramref name="root"/>, which already holds every framework verb and global option
    /// (reuse <see cref="CliVerbs.ProjectDir"/> and the other shared options rather than defining copies).</summary>
    void Register(RootCommand root);
}
