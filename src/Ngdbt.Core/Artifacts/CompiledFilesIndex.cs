using System.Collections.Concurrent;
using System.IO.Hashing;

namespace Ngdbt.Artifacts;

/// <summary>What the last compile wrote to target/compiled (target/partial_parse.compiled.bin): per file its size, its
/// modification time right after the write and the XxHash128 of its bytes. A file whose size and mtime on disk are
/// still the recorded ones is trusted to hold the recorded bytes (as git's index and dbt do), so an unchanged compiled
/// file is neither read back nor rewritten. Reading never throws: a missing, foreign or corrupt index is an empty one
/// (every file then compared by reading it, as without the index). NGDBT_PARTIAL_PARSE=0 turns it off.</summary>
internal sealed class CompiledFilesIndex
{
    public const string FileName = "partial_parse.compiled.bin";

    private const string Magic = "ngdbt-compiled-files-1";

    private readonly string? _path;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private int _changed;

    private CompiledFilesIndex(string? path, ConcurrentDictionary<string, Entry> entries)
    {
        _path = path;
        _entries = entries;
    }

    public readonly record struct Entry(long Length, long MtimeTicks, UInt128 Hash);

    public static CompiledFilesIndex Open(string targetDir)
    {
        var entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        if (!Parse.SchemaParseCache.Enabled)
        {
            return new CompiledFilesIndex(null, entries);
        }

        var path = Path.Combine(targetDir, FileName);
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() == Magic)
            {
                var count = reader.ReadInt32();
                for (var i = 0; i < count; i++)
                {
                    var file = reader.ReadString();
                    var length = reader.ReadInt64();
                    var mtime = reader.ReadInt64();
                    var lower = reader.ReadUInt64();
                    var upper = reader.ReadUInt64();
                    entries[file] = new Entry(length, mtime, new UInt128(upper, lower));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            entries.Clear();
        }

        return new CompiledFilesIndex(path, entries);
    }

    public static UInt128 Hash(ReadOnlySpan<byte> bytes) => XxHash128.HashToUInt128(bytes);

    /// <summary>Whether the file on disk is, by its recorded size and mtime, the one holding these bytes.</summary>
    public bool IsCurrent(string path, FileInfo onDisk, int length, UInt128 hash)
        => _path is not null && _entries.TryGetValue(path, out var entry) && entry.Length == length && entry.Hash == hash
           && onDisk.Exists && onDisk.Length == length && onDisk.LastWriteTimeUtc.Ticks == entry.MtimeTicks;

    /// <summary>Records a file as it is now on disk (written, or found equal by reading it).</summary>
    public void Record(string path, long length, DateTime mtimeUtc, UInt128 hash)
    {
        var entry = new Entry(length, mtimeUtc.Ticks, hash);
        if (!_entries.TryGetValue(path, out var old) || old != entry)
        {
            _entries[path] = entry;
            Interlocked.Increment(ref _changed);
        }
    }

    /// <summary>Writes the index when a file changed (through a temporary file, so a reader never sees half of it). A
    /// failure only costs the next compile a read-back of its files.</summary>
    public void Save()
    {
        if (_path is null || Volatile.Read(ref _changed) == 0)
        {
            return;
        }

        try
        {
            ReplacedFile.Write(_path, stream =>
            {
                using var writer = new BinaryWriter(stream);
                var entries = _entries.ToArray();
                writer.Write(Magic);
                writer.Write(entries.Length);
                foreach (var (file, e) in entries)
                {
                    writer.Write(file);
                    writer.Write(e.Length);
                    writer.Write(e.MtimeTicks);
                    writer.Write((ulong)e.Hash);
                    writer.Write((ulong)(e.Hash >> 64));
                }
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // nothing more to do: the next compile reads an older index or none
        }
    }
}
