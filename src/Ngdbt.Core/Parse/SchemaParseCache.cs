using System.Collections.Concurrent;
using System.Text.Json;
using Ngdbt.Diagnostics;
using Ngdbt.Load;

namespace Ngdbt.Parse;

/// <summary>
/// Partial parsing of schema YAML (dbt's target/partial_parse.msgpack, for the slowest parse step): a schema file whose
/// path and text are unchanged since the last parse reuses the <see cref="SchemaDocument"/> stored in
/// target/partial_parse.schema.json instead of parsing its YAML again. The parse is a pure function of the file's path
/// and text, so that key, with the build of ngdbt that wrote the entry, decides every hit: vars, the target, macros,
/// packages and project.yml act later (in linking), never on the stored document. Only files that parsed without any
/// diagnostic are stored, so a hit reports exactly what a parse would (nothing). A missing, unreadable or foreign
/// cache is a cold parse, never an error; NGDBT_PARTIAL_PARSE=0 turns the cache off.
/// </summary>
public sealed class SchemaParseCache
{
    public const string FileName = "partial_parse.schema.json";

    /// <summary>The build of ngdbt: an entry written by another build (another parser) is never used.</summary>
    internal static readonly string CodeVersion = typeof(SchemaParseCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly string? _path;
    private readonly string _display;
    private readonly IReadOnlyDictionary<string, SchemaCacheEntry> _previous;
    private readonly ConcurrentDictionary<string, SchemaCacheEntry> _current = new(StringComparer.Ordinal);
    private int _misses;

    private SchemaParseCache(string? path, string display, IReadOnlyDictionary<string, SchemaCacheEntry> previous)
    {
        _path = path;
        _display = display;
        _previous = previous;
    }

    public static bool Enabled => Environment.GetEnvironmentVariable("NGDBT_PARTIAL_PARSE") != "0";

    /// <summary>The cache of the project's target folder (empty when there is none, or when it is turned off).</summary>
    public static SchemaParseCache Open(LoadedProject project)
    {
        if (!Enabled)
        {
            return new SchemaParseCache(null, string.Empty, new Dictionary<string, SchemaCacheEntry>());
        }

        var path = Path.Combine(project.TargetDir, FileName);
        var display = Path.GetRelativePath(project.Root, path).Replace('\\', '/');
        return new SchemaParseCache(path, display, SchemaParseCacheFile.Read(path, CodeVersion));
    }

    /// <summary>How many schema files were parsed (not taken from the cache) so far.</summary>
    public int Misses => Volatile.Read(ref _misses);

    /// <summary>The file's document: the stored one when path and text are unchanged, else a parse (reported into
    /// <paramref name="diagnostics"/>). Thread-safe.</summary>
    public SchemaDocument? Parse(ProjectFile file, DiagnosticBag diagnostics)
    {
        var hash = Manifest.TextHash.Sha256(file.Text);
        if (_previous.TryGetValue(file.Path, out var entry) && entry.Sha256 == hash)
        {
            _current[file.Path] = entry;
            return entry.Document;
        }

        Interlocked.Increment(ref _misses);
        var local = new DiagnosticBag();
        var document = SchemaYamlParser.Parse(file.Text, file.Path, local);
        var reported = local.ToSortedList();
        diagnostics.AddRange(reported);
        if (document is not null && reported.Count == 0 && _path is not null)
        {
            _current[file.Path] = new SchemaCacheEntry(hash, document);
        }

        return document;
    }

    /// <summary>Writes the cache when this parse changed it (a file parsed, added or gone); an unchanged project
    /// leaves the file alone. A cache that cannot be written is a warning (NG0108): the next parse is a cold one.</summary>
    public void Save(DiagnosticBag diagnostics)
    {
        if (_path is null || (Misses == 0 && _current.Count == _previous.Count))
        {
            return;
        }

        try
        {
            SchemaParseCacheFile.Write(_path, CodeVersion, _current);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Warning(DiagnosticCodes.PartialParseUnwritable, SourceSpan.None(_display), $"cannot write the partial parse cache ({e.Message}); the next parse reads every schema file again");
        }
    }
}

/// <summary>One stored schema file: the SHA-256 of its text and what it parsed to.</summary>
public sealed record SchemaCacheEntry(string Sha256, SchemaDocument Document);
