using System.Buffers;
using System.Text.Json;
using Ngdbt.Artifacts;
using Ngdbt.Diagnostics;
using Ngdbt.Templating;

namespace Ngdbt.Parse;

/// <summary>The format of target/partial_parse.templates.json: <c>{"code": build, "context": hash, "files": [{"path",
/// "sha256", "t": {"refs": [[name, package, line, column]], "sources": [[source, table, line, column]], "configs":
/// [{"values": {..}, "spans": {key: [line, column]}}], "called": [..]}}]}</c>; config values keep their .NET types
/// (<see cref="SchemaCacheJson"/>). Reading never throws: anything unexpected is an empty cache.</summary>
internal static partial class TemplateParseCacheFile
{
    public static IReadOnlyDictionary<string, TemplateCacheEntry> Read(string path, string codeVersion, string context)
    {
        var entries = new Dictionary<string, TemplateCacheEntry>(StringComparer.Ordinal);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return entries;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes);
            SchemaParseCacheFile.Expect(ref reader, JsonTokenType.StartObject);
            if (SchemaParseCacheFile.ReadString(ref reader, "code") != codeVersion || SchemaParseCacheFile.ReadString(ref reader, "context") != context)
            {
                return entries;
            }

            SchemaParseCacheFile.ExpectProperty(ref reader, "files");
            SchemaParseCacheFile.Expect(ref reader, JsonTokenType.StartArray);
            var slices = new List<(string Path, string Sha256, int Start, int Length)>();
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var file = SchemaParseCacheFile.ReadString(ref reader, "path");
                var sha256 = SchemaParseCacheFile.ReadString(ref reader, "sha256");
                SchemaParseCacheFile.ExpectProperty(ref reader, "t");
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                slices.Add((file, sha256, start, (int)reader.BytesConsumed - start));
                SchemaParseCacheFile.Expect(ref reader, JsonTokenType.EndObject);
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                return entries;
            }

            // The entries are decoded in parallel; each keeps its stored bytes (a slice of the file) for the next write.
            var decoded = new TemplateCacheEntry[slices.Count];
            Parallel.For(0, slices.Count, i =>
            {
                var (file, sha256, start, length) = slices[i];
                var json = new ReadOnlyMemory<byte>(bytes, start, length);
                var entryReader = new Utf8JsonReader(json.Span);
                entryReader.Read();
                decoded[i] = ReadEntry(ref entryReader, file, sha256) with { Json = json };
            });
            for (var i = 0; i < slices.Count; i++)
            {
                entries[slices[i].Path] = decoded[i];
            }

            return entries;
        }
        catch (Exception e) when (IsCorrupt(e) || (e is AggregateException all && all.InnerExceptions.All(IsCorrupt)))
        {
            return new Dictionary<string, TemplateCacheEntry>(StringComparer.Ordinal);
        }
    }

    /// <summary>What a template's parse found, as stored; null when a config value has a type the format does not keep
    /// (or a position lies in another file).</summary>
    public static byte[]? TrySerialize(ParsedTemplate template)
    {
        // Every position is stored as line and column in the template's own file.
        if (template.Refs.Any(r => r.Span.File != template.File) || template.Sources.Any(s => s.Span.File != template.File)
            || template.Configs.Any(c => c.Spans.Values.Any(s => s.File != template.File)))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        try
        {
            using var w = new Utf8JsonWriter(buffer);
            w.WriteStartObject();
            WriteCalls(w, "refs", template.Refs, r => (r.Name, r.Package, r.Span));
            WriteCalls(w, "sources", template.Sources, c => (c.SourceName, c.TableName, c.Span));
            w.WriteStartArray("configs");
            foreach (var c in template.Configs)
            {
                w.WriteStartObject();
                w.WritePropertyName("values");
                SchemaCacheJson.WriteValue(w, c.Values);
                w.WriteStartObject("spans");
                foreach (var (key, span) in c.Spans)
                {
                    w.WriteStartArray(key);
                    WriteSpan(w, span);
                    w.WriteEndArray();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("called");
            foreach (var name in template.CalledNames)
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        catch (NotSupportedException)
        {
            return null;
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(string path, string codeVersion, string context, IReadOnlyDictionary<string, TemplateCacheEntry> entries)
    {
        Artifacts.ReplacedFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream);
            w.WriteStartObject();
            w.WriteString("code", codeVersion);
            w.WriteString("context", context);
            w.WriteStartArray("files");
            foreach (var (file, entry) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (entry.Json is { IsEmpty: false } json)
                {
                    w.WriteStartObject();
                    w.WriteString("path", file);
                    w.WriteString("sha256", entry.Sha256);
                    w.WritePropertyName("t");
                    w.WriteRawValue(json.Span, skipInputValidation: true);
                    w.WriteEndObject();
                    w.FlushWhenFull();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static bool IsCorrupt(Exception e) => e is JsonException or InvalidOperationException or FormatException or OverflowException;

    /// <summary>Each ref or source call as [first, second, span].</summary>
    private static void WriteCalls<T>(Utf8JsonWriter w, string property, IEnumerable<T> calls, Func<T, (string? First, string? Second, SourceSpan Span)> parts)
    {
        w.WriteStartArray(property);
        foreach (var call in calls)
        {
            var (first, second, span) = parts(call);
            w.WriteStartArray();
            w.WriteStringValue(first);
            w.WriteStringValue(second);
            WriteSpan(w, span);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void WriteSpan(Utf8JsonWriter w, SourceSpan span)
    {
        w.WriteNumberValue(span.Line);
        w.WriteNumberValue(span.Column);
    }
}
