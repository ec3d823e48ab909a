using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ngdbt.Docs.Lineage;

/// <summary>
/// Column lineage of unchanged models, kept between `docs generate` runs in <c>target/docs-lineage-cache.json</c>
/// (dbt's partial parsing, for lineage). An entry is keyed by the model's compiled SQL and output columns, and is reused
/// only while every relation it depends on or draws columns from still has the same columns, the set of known
/// relations is the same and the analyzer is the same build. Anything unreadable is ignored: the cache can only save
/// time, never change a result.
/// </summary>
internal sealed class LineageCache
{
    public const string FileName = "docs-lineage-cache.json";

    private readonly string _context;
    private readonly Dictionary<string, string> _relations;
    private readonly Dictionary<string, (LineageResult Result, string[] Uses)> _previous;
    private readonly Dictionary<string, string> _previousRelations;
    private readonly Dictionary<string, (LineageResult Result, string[] Uses)> _current = new(StringComparer.Ordinal);
    private bool _changed;

    private LineageCache(string context, Dictionary<string, string> relations, Dictionary<string, (LineageResult, string[])> previous, Dictionary<string, string> previousRelations)
    {
        _context = context;
        _relations = relations;
        _previous = previous;
        _previousRelations = previousRelations;
    }

    public int Hits { get; private set; }

    /// <summary>Reads the cache file if it was written by this analyzer and parser build for the same set of relations.</summary>
    public static LineageCache Load(string path, IReadOnlyList<KnownRelation> relations, string parser)
    {
        var context = Context(relations, parser);
        var current = ColumnHashes(relations);
        try
        {
            if (!File.Exists(path)) return new(context, current, [], []);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.GetProperty("context").GetString() != context) return new(context, current, [], []);
            var previousRelations = root.GetProperty("relations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            var entries = new Dictionary<string, (LineageResult, string[])>(StringComparer.Ordinal);
            foreach (var entry in root.GetProperty("entries").EnumerateObject())
                entries[entry.Name] = (ReadResult(entry.Value), entry.Value.GetProperty("uses").EnumerateArray().Select(u => u.GetString() ?? throw new JsonException("null in uses")).ToArray());
            return new(context, current, entries, previousRelations);
        }
        catch (Exception)
        {
            // A cache can only save time: whatever is wrong with the file (hand-edited, truncated, from another
            // version), the answer is to analyse afresh and overwrite it, never to fail the run.
            return new(context, current, [], []);
        }
    }

    private static Dictionary<string, string> ColumnHashes(IReadOnlyList<KnownRelation> relations) =>
        relations.GroupBy(r => r.UniqueId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Hash(string.Join('\u001f', g.First().Columns)), StringComparer.Ordinal);

    /// <summary>The cache key of one model: its compiled SQL and its output columns.</summary>
    public static string Key(LineageRequest request) =>
        Hash(request.Sql + "\0" + string.Join('\u001f', request.OutputColumns ?? []));

    public bool TryGet(string key, out LineageResult result)
    {
        result = null!;
        if (!_previous.TryGetValue(key, out var entry)) return false;
        foreach (var uid in entry.Uses)
        {
            if (_relations.GetValueOrDefault(uid) != _previousRelations.GetValueOrDefault(uid)) return false;
        }

        _current[key] = entry;
        result = entry.Result;
        Hits++;
        return true;
    }

    /// <summary>Records a fresh result. The relations whose columns decide whether it may be reused: the model's
    /// dependencies, every relation its SQL resolved to (including those inside inlined ephemeral models and relations
    /// named directly) and every relation it draws columns from.</summary>
    public void Put(string key, LineageResult result, IEnumerable<string> dependsOn)
    {
        var uses = dependsOn.Concat(result.Relations).Concat(result.Columns.SelectMany(c => c.Sources.Concat(c.FilteredBy)).Select(s => s.UniqueId))
            .Where(_relations.ContainsKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _current[key] = (result, uses);
        _changed = true;
    }

    /// <summary>Writes the entries used or made by this run, when anything changed. Returns false when it could not.</summary>
    public bool Save(string path)
    {
        if (!_changed && _current.Count == _previous.Count) return true;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            using var w = new Utf8JsonWriter(stream);
            w.WriteStartObject();
            w.WriteString("context", _context);
            w.WriteStartObject("relations");
            foreach (var (uid, hash) in _relations) w.WriteString(uid, hash);
            w.WriteEndObject();
            w.WriteStartObject("entries");
            foreach (var (key, (result, uses)) in _current)
            {
                w.WriteStartObject(key);
                WriteResult(w, result);
                w.WriteStartArray("uses");
                foreach (var u in uses) w.WriteStringValue(u);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void WriteResult(Utf8JsonWriter w, LineageResult result)
    {
        w.WriteStartArray("columns");
        foreach (var column in result.Columns)
        {
            w.WriteStartArray();
            w.WriteStringValue(column.Column);
            foreach (var source in column.Sources)
            {
                w.WriteStringValue(source.UniqueId);
                w.WriteStringValue(source.Column);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("filtered_by"); // parallel to columns: [uid, column, uid, column, …]
        foreach (var column in result.Columns)
        {
            w.WriteStartArray();
            foreach (var f in column.FilteredBy)
            {
                w.WriteStringValue(f.UniqueId);
                w.WriteStringValue(f.Column);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("notes");
        foreach (var note in result.Diagnostics) w.WriteStringValue(note);
        w.WriteEndArray();
    }

    private static LineageResult ReadResult(JsonElement e)
    {
        var columns = new List<ColumnLineage>();
        var filters = e.TryGetProperty("filtered_by", out var fb) ? fb.EnumerateArray().ToList() : [];
        foreach (var column in e.GetProperty("columns").EnumerateArray())
        {
            var parts = column.EnumerateArray().Select(p => p.GetString()!).ToArray();
            var filteredBy = columns.Count < filters.Count ? Pairs(filters[columns.Count].EnumerateArray().Select(p => p.GetString()!).ToArray(), 0) : [];
            columns.Add(new ColumnLineage(parts[0], Pairs(parts, 1)) { FilteredBy = filteredBy });
        }

        return new LineageResult(columns, e.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList());
    }

    private static List<ColumnOrigin> Pairs(string[] parts, int start)
    {
        var origins = new List<ColumnOrigin>();
        for (var i = start; i + 1 < parts.Length; i += 2) origins.Add(new ColumnOrigin(parts[i], parts[i + 1]));
        return origins;
    }

    /// <summary>The analyzer and parser builds plus every known relation's id, rendered name and node name: a change to any of them
    /// can change how any model's references resolve.</summary>
    private static string Context(IReadOnlyList<KnownRelation> relations, string parser) =>
        Hash(typeof(LineageCache).Assembly.ManifestModule.ModuleVersionId + "\n" + parser + "\n" + string.Join("\n",
            relations.Select(r => $"{r.UniqueId}\u001f{r.RelationName}\u001f{r.Name}").Order(StringComparer.Ordinal)));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
