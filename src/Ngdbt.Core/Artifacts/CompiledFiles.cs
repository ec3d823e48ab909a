using System.Text;
using Ngdbt.Compile;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Artifacts;

/// <summary>Writes target/compiled/&lt;project&gt;/&lt;path&gt;.sql for every compiled node. Files whose content did not
/// change are left alone (rewriting 20,000 unchanged files was most of a 10,000-model compile).</summary>
public static class CompiledFiles
{
    public static void Write(LoadedProject project, IReadOnlyDictionary<string, CompiledNode> nodes, ProjectManifest manifest)
    {
        var root = Path.Combine(project.TargetDir, "compiled", project.Config.Name);
        var files = nodes.Values.Select(node =>
        {
            var n = manifest.Nodes[node.UniqueId];
            // A generic test's file is named by its alias (dbt's short name: long names end in an md5, under 64 characters).
            var relative = n.Test is { IsGeneric: true } ? Path.Combine(n.FilePath, n.Identifier + ".sql") : n.UnitTest is not null ? Path.Combine(n.FilePath, n.Name + ".sql") : n.FilePath;
            return (Path: Path.Combine(root, relative), Bytes: Encoding.UTF8.GetBytes(node.Sql + "\n"));
        }).ToList();
        foreach (var dir in files.Select(f => Path.GetDirectoryName(f.Path)!).Distinct(StringComparer.Ordinal))
        {
            // target/ is ours: a file left where a folder now belongs (an older layout) is replaced.
            if (File.Exists(dir))
            {
                File.Delete(dir);
            }

            Directory.CreateDirectory(dir);
        }

        Parallel.ForEach(files, file =>
        {
            var existing = new FileInfo(file.Path);
            if (existing.Exists && existing.Length == file.Bytes.Length && File.ReadAllBytes(file.Path).AsSpan().SequenceEqual(file.Bytes))
            {
                return;
            }

            File.WriteAllBytes(file.Path, file.Bytes);
        });
    }
}
