using Ngdbt.Compile;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Cli.Commands;

/// <summary>Writes target/compiled/&lt;project&gt;/&lt;path&gt;.sql for every compiled node.</summary>
internal static class CompiledFiles
{
    public static void Write(LoadedProject project, IReadOnlyDictionary<string, CompiledNode> nodes, ProjectManifest manifest)
    {
        var root = Path.Combine(project.TargetDir, "compiled", project.Config.Name);
        Parallel.ForEach(nodes.Values, node =>
        {
            var n = manifest.Nodes[node.UniqueId];
            var relative = n.Test is { IsGeneric: true } ? Path.Combine(n.FilePath, n.Name + ".sql") : n.FilePath;
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, node.Sql + "\n");
        });
    }
}
