using System.Text;
using Ngdbt.Compile;
using Ngdbt.Load;
using Ngdbt.Manifest;

namespace Ngdbt.Artifacts;

/// <summary>A file a compile wrote (or found already holding its bytes), relative to target/, with its size and
/// modification time (UTC ticks) as they were right then.</summary>
public readonly record struct WrittenFile(string Path, long Length, long MtimeTicks)
{
    public static WrittenFile Stat(string targetDir, string relative)
    {
        var info = new FileInfo(System.IO.Path.Combine(targetDir, relative));
        return info.Exists ? new WrittenFile(relative, info.Length, info.LastWriteTimeUtc.Ticks) : new WrittenFile(relative, -1, 0);
    }
}

/// <summary>Writes target/compiled/&lt;project&gt;/&lt;path&gt;.sql for every compiled node. Files whose content did not
/// change are left alone (rewriting 20,000 unchanged files was most of a 10,000-model compile), and
/// <see cref="CompiledFilesIndex"/> spares reading them back to find that out.</summary>
public static class CompiledFiles
{
    /// <summary>Writes the files and returns each one as it was right after (stat taken at the write).</summary>
    public static IReadOnlyList<WrittenFile> Write(LoadedProject project, IReadOnlyDictionary<string, CompiledNode> nodes, ProjectManifest manifest)
    {
        var root = Path.Combine(project.TargetDir, "compiled", project.Config.Name);
        var relativeRoot = Path.Combine("compiled", project.Config.Name);
        var files = nodes.Values.Select(node =>
        {
            var n = manifest.Nodes[node.UniqueId];
            // A generic test's file is named by its alias (dbt's short name: long names end in an md5, under 64 characters).
            var relative = n.Test is { IsGeneric: true } ? Path.Combine(n.FilePath, n.Identifier + ".sql") : n.UnitTest is not null ? Path.Combine(n.FilePath, n.Name + ".sql") : n.FilePath;
            var path = Path.Combine(root, relative);
            return (Relative: Path.Combine(relativeRoot, relative), Path: path, Dir: Path.GetDirectoryName(path)!, Bytes: Utf8Line(node.Sql));
        }).ToList();
        // A folder this write creates holds no file yet: its files are written without first asking whether they exist
        // (on a cold compile, every one of them).
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dir in files.Select(f => f.Dir).Distinct(StringComparer.Ordinal))
        {
            // target/ is ours: a file left where a folder now belongs (an older layout) is replaced.
            if (File.Exists(dir))
            {
                File.Delete(dir);
            }

            if (!Directory.Exists(dir))
            {
                Directory.CreateDirectory(dir);
                created.Add(dir);
            }
        }

        var index = CompiledFilesIndex.Open(project.TargetDir);
        var written = new WrittenFile[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var (relative, path, dir, bytes) = files[i];
            var (length, mtime) = created.Contains(dir) ? WriteNew(index, path, bytes, CompiledFilesIndex.Hash(bytes)) : WriteOne(index, path, bytes);
            written[i] = new WrittenFile(relative, length, mtime);
        });
        index.Save();
        return written;
    }

    /// <summary>The compiled SQL and a final newline, as UTF-8.</summary>
    private static byte[] Utf8Line(string sql)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(sql) + 1];
        Encoding.UTF8.GetBytes(sql, bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Leaves a file alone when the index says it holds these bytes, or when reading it shows it does;
    /// otherwise writes it. Either way the index then records it.</summary>
    private static (long Length, long MtimeTicks) WriteOne(CompiledFilesIndex index, string path, byte[] bytes)
    {
        var hash = CompiledFilesIndex.Hash(bytes);
        var existing = new FileInfo(path);
        if (index.IsCurrent(path, existing, bytes.Length, hash))
        {
            return (bytes.Length, existing.LastWriteTimeUtc.Ticks);
        }

        if (existing.Exists && existing.Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            index.Record(path, bytes.Length, existing.LastWriteTimeUtc, hash);
            return (bytes.Length, existing.LastWriteTimeUtc.Ticks);
        }

        return WriteNew(index, path, bytes, hash);
    }

    private static (long Length, long MtimeTicks) WriteNew(CompiledFilesIndex index, string path, byte[] bytes, UInt128 hash)
    {
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
        RandomAccess.Write(handle, bytes, 0);
        var mtime = File.GetLastWriteTimeUtc(handle);
        index.Record(path, bytes.Length, mtime, hash);
        return (bytes.Length, mtime.Ticks);
    }
}
