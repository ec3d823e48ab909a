using System.Collections.Concurrent;
using Ngdbt.Diagnostics;
using Ngdbt.Load;
using Ngdbt.Templating;

namespace Ngdbt.Parse;

/// <summary>
/// Partial parsing of SQL templates (dbt's partial parse for SQL files), in target/partial_parse.templates.json: a
/// template whose path and text (SHA-256) are unchanged, parsed under the same <see cref="TemplateCacheContext"/>
/// (ngdbt build, vars, target, macros), reuses what its parse found: refs, sources, `config()` values with their
/// positions, and the names it calls. Its Scriban AST is then parsed only if it is rendered
/// (<see cref="ParsedTemplate.Deferred"/>), which <see cref="Compile.RenderCache"/> mostly spares. Only
/// <see cref="ParsedTemplate.Pure"/> templates that parsed without any diagnostic are stored, so a hit reports exactly
/// what a parse would. Jinja templates are never stored. A missing, foreign or corrupt cache is a cold parse;
/// NGDBT_PARTIAL_PARSE=0 turns it off.
/// </summary>
public sealed class TemplateParseCache
{
    public const string FileName = "partial_parse.templates.json";

    private readonly string? _path;
    private readonly string _display;
    private readonly string _context;
    private readonly IReadOnlyDictionary<string, TemplateCacheEntry> _previous;
    private readonly ConcurrentDictionary<string, TemplateCacheEntry> _current = new(StringComparer.Ordinal);
    private int _misses;

    private TemplateParseCache(string? path, string display, string context, IReadOnlyDictionary<string, TemplateCacheEntry> previous)
    {
        _path = path;
        _display = display;
        _context = context;
        _previous = previous;
    }

    /// <summary>Off (every template parsed, nothing stored) when NGDBT_PARTIAL_PARSE=0 or no context could be formed.</summary>
    public static TemplateParseCache Open(LoadedProject project, string? context)
    {
        if (!SchemaParseCache.Enabled || context is null)
        {
            return new TemplateParseCache(null, string.Empty, string.Empty, new Dictionary<string, TemplateCacheEntry>());
        }

        var path = Path.Combine(project.TargetDir, FileName);
        var display = Path.GetRelativePath(project.Root, path).Replace('\\', '/');
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var previous = TemplateParseCacheFile.Read(path, SchemaParseCache.CodeVersion, context);
        StageTimings.Report($"    templates read back ({previous.Count})", clock);
        return new TemplateParseCache(path, display, context, previous);
    }

    public bool Enabled => _path is not null;

    /// <summary>The template of a file: from the cache when path and text are unchanged, else <paramref name="parse"/>
    /// (which reports into the bag it is given; its diagnostics are passed on). Thread-safe.</summary>
    public ParsedTemplate Parse(ProjectFile file, DiagnosticBag diagnostics, Func<DiagnosticBag, ParsedTemplate> parse)
    {
        if (_path is null)
        {
            return parse(diagnostics);
        }

        var hash = Manifest.TextHash.Sha256(file.Text);
        if (_previous.TryGetValue(file.Path, out var entry) && entry.Sha256 == hash)
        {
            _current[file.Path] = entry;
            return ParsedTemplate.Deferred(file.Path, file.Text, entry.Refs, entry.Sources, entry.Configs, entry.CalledNames);
        }

        Interlocked.Increment(ref _misses);
        var local = new DiagnosticBag();
        var template = parse(local);
        var reported = local.ToSortedList();
        diagnostics.AddRange(reported);
        if (reported.Count == 0 && template is { Pure: true, Page: not null, Jinja: null, Snapshot: null }
            && TemplateParseCacheFile.TrySerialize(template) is { } json)
        {
            _current[file.Path] = new TemplateCacheEntry(hash, template.Refs, template.Sources, template.Configs, template.CalledNames) { Json = json };
            // The AST is let go at once and parsed again when the template renders: thousands of ASTs held from
            // parse to render were most of what the garbage collector copied and marked in between (a Scriban parse
            // of a model costs ~15 µs; holding its AST through every collection cost several times that).
            return template.Released();
        }

        return template;
    }

    /// <summary>Writes the cache when this parse changed it; a cache that cannot be written is warning NG0108.</summary>
    public void Save(DiagnosticBag diagnostics)
    {
        if (_path is null || (Volatile.Read(ref _misses) == 0 && _current.Count == _previous.Count))
        {
            return;
        }

        try
        {
            TemplateParseCacheFile.Write(_path, SchemaParseCache.CodeVersion, _context, _current);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Warning(DiagnosticCodes.PartialParseUnwritable, SourceSpan.None(_display), $"cannot write the partial parse cache ({e.Message}); the next parse reads every template again");
        }
    }
}

/// <summary>One stored template: the SHA-256 of its text and what its parse found (<see cref="Json"/>: as stored).</summary>
public sealed record TemplateCacheEntry(string Sha256, IReadOnlyList<RefCall> Refs, IReadOnlyList<SourceCall> Sources, IReadOnlyList<ConfigCall> Configs, IReadOnlyList<string> CalledNames)
{
    internal ReadOnlyMemory<byte> Json { get; init; }
}
