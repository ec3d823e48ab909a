using System.Collections.Concurrent;
using System.Text.Json;
using Ngdbt.Artifacts;

namespace Ngdbt.Compile;

/// <summary>
/// Rendered SQL of unchanged nodes (target/partial_parse.rendered.json): per node the key of its render and the SQL it
/// gave. The key (<see cref="Compiler"/>.RenderKey) holds everything a <see cref="Templating.ParsedTemplate.Pure"/>
/// template's render can see: the template cache context (build, vars, target, macro files), the template's text, what
/// each of its refs and sources resolves to, `this` and is_incremental(). Only renders that succeeded without an
/// ephemeral input are stored. The file is read on first use and written only when an entry changed; a missing or
/// corrupt one is empty. NGDBT_PARTIAL_PARSE=0 turns it off.
/// </summary>
internal sealed class RenderCache
{
    public const string FileName = "partial_parse.rendered.json";

    private readonly string _path;
    private readonly Lazy<ConcurrentDictionary<string, (string Key, string Sql)>> _entries;
    private int _changed;

    private RenderCache(string path)
    {
        _path = path;
        _entries = new Lazy<ConcurrentDictionary<string, (string, string)>>(() => Read(path));
    }

    public static RenderCache? Open(string targetDir) => Parse.SchemaParseCache.Enabled ? new RenderCache(Path.Combine(targetDir, FileName)) : null;

    public string? TryGet(string id, string key) => _entries.Value.TryGetValue(id, out var entry) && entry.Key == key ? entry.Sql : null;

    public void Put(string id, string key, string sql)
    {
        var entries = _entries.Value;
        if (!entries.TryGetValue(id, out var old) || old.Key != key || old.Sql != sql)
        {
            entries[id] = (key, sql);
            Interlocked.Increment(ref _changed);
        }
    }

    /// <summary>Writes the entries of the nodes that still exist, when one changed (through a temporary file). A failure
    /// only costs the next compile its renders.</summary>
    public void Save(Func<string, bool> exists)
    {
        if (Volatile.Read(ref _changed) == 0)
        {
            return;
        }

        try
        {
            Artifacts.ReplacedFile.Write(_path, stream =>
            {
                using var w = new Utf8JsonWriter(stream);
                w.WriteStartObject();
                w.WriteStartArray("nodes");
                foreach (var (id, (key, sql)) in _entries.Value.Where(e => exists(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    w.WriteStartArray();
                    w.WriteStringValue(id);
                    w.WriteStringValue(key);
                    w.WriteStringValue(sql);
                    w.WriteEndArray();
                    w.FlushWhenFull();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the next compile renders what it cannot read
        }
    }

    private static ConcurrentDictionary<string, (string Key, string Sql)> Read(string path)
    {
        var entries = new ConcurrentDictionary<string, (string, string)>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(File.ReadAllBytes(path));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.Read() || !reader.ValueTextEquals("nodes") || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return entries;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                var id = Next(ref reader);
                var key = Next(ref reader);
                var sql = Next(ref reader);
                entries[id] = (key, sql);
                if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                {
                    throw new JsonException("expected the end of an entry");
                }
            }

            return reader.TokenType == JsonTokenType.EndArray ? entries : new ConcurrentDictionary<string, (string, string)>(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return new ConcurrentDictionary<string, (string, string)>(StringComparer.Ordinal);
        }
    }

    private static string Next(ref Utf8JsonReader reader)
        => reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("expected a string");
}
