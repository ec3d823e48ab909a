namespace Ngdbt.Artifacts;

/// <summary>
/// What the last compile of a project left in target/ when its outputs were a function of its inputs alone
/// (target/partial_parse.compile.bin): the key of those inputs (<see cref="Engine.CompileInputsKey"/>), the lines it
/// printed, and every file it wrote (manifest.json, state.json, the compiled SQL) with its size and modification time
/// right after the write. A compile with the same key whose files are all still as written has nothing to do, as
/// make, ninja and git's index judge a file by its stat. Reading never throws: a missing, foreign or corrupt memo is
/// none. NGDBT_PARTIAL_PARSE=0 turns it off.
/// </summary>
internal sealed record CompileMemo(string Key, IReadOnlyList<string> Lines, string? RawSql, int NodeCount, IReadOnlyList<WrittenFile> Outputs)
{
    public const string FileName = "partial_parse.compile.bin";

    private const string Magic = "ngdbt-compile-memo-1";

    public static string PathIn(string targetDir) => System.IO.Path.Combine(targetDir, FileName);

    public static CompileMemo? Read(string targetDir)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(PathIn(targetDir)));
            if (reader.ReadString() != Magic)
            {
                return null;
            }

            var key = reader.ReadString();
            var lines = new string[reader.ReadInt32()];
            for (var i = 0; i < lines.Length; i++)
            {
                lines[i] = reader.ReadString();
            }

            var raw = reader.ReadBoolean() ? reader.ReadString() : null;
            var count = reader.ReadInt32();
            var outputs = new WrittenFile[reader.ReadInt32()];
            for (var i = 0; i < outputs.Length; i++)
            {
                outputs[i] = new WrittenFile(reader.ReadString(), reader.ReadInt64(), reader.ReadInt64());
            }

            return new CompileMemo(key, lines, raw, count, outputs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether every output is on disk with its recorded size and mtime (stat only, on every core).</summary>
    public bool OutputsCurrent(string targetDir) => Current(targetDir, Outputs);

    private static bool Current(string targetDir, IReadOnlyList<WrittenFile> files)
    {
        var current = true;
        Parallel.For(0, files.Count, (i, loop) =>
        {
            var o = files[i];
            var info = new FileInfo(System.IO.Path.Combine(targetDir, o.Path));
            if (o.Length < 0 || !info.Exists || info.Length != o.Length || info.LastWriteTimeUtc.Ticks != o.MtimeTicks)
            {
                current = false;
                loop.Stop();
            }
        });
        return current;
    }

    /// <summary>Writes the memo (through a temporary file) for the files as the compile wrote them, when they are all
    /// still so: a file another process rewrote since (a concurrent `run`) leaves no memo. Nor does a file whose mtime has
    /// no sub-second part and falls in the last two seconds (a file system with coarse timestamps, where an edit within the
    /// same tick would keep the stat: git's "racy" case). A failure only costs the next compile its shortcut.</summary>
    public static void Write(string targetDir, string key, IReadOnlyList<string> lines, string? rawSql, int nodeCount, IReadOnlyList<WrittenFile> stats)
    {
        var recent = DateTime.UtcNow.Ticks - (2 * TimeSpan.TicksPerSecond);
        if (!Current(targetDir, stats) || stats.Any(s => s.MtimeTicks % TimeSpan.TicksPerSecond == 0 && s.MtimeTicks >= recent))
        {
            Delete(targetDir);
            return;
        }

        try
        {
            ReplacedFile.Write(PathIn(targetDir), stream =>
            {
                using var writer = new BinaryWriter(stream);
                writer.Write(Magic);
                writer.Write(key);
                writer.Write(lines.Count);
                foreach (var line in lines)
                {
                    writer.Write(line);
                }

                writer.Write(rawSql is not null);
                if (rawSql is not null)
                {
                    writer.Write(rawSql);
                }

                writer.Write(nodeCount);
                writer.Write(stats.Count);
                foreach (var s in stats)
                {
                    writer.Write(s.Path);
                    writer.Write(s.Length);
                    writer.Write(s.MtimeTicks);
                }
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Delete(targetDir);
        }
    }

    /// <summary>Removes the memo (before a compile rewrites target/, and when a compile may not be reused).</summary>
    public static void Delete(string targetDir)
    {
        try
        {
            File.Delete(PathIn(targetDir));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a memo that cannot be deleted no longer matches: its outputs' stats are rewritten with them
        }
    }
}
