using System.Text.Json;
using Ngdbt.Artifacts;

namespace Ngdbt.Parse;

/// <summary>The format of target/partial_parse.schema.json: <c>{"code": build, "files": [{"path", "sha256", "doc"}]}</c>,
/// each document written by <see cref="SchemaCacheJson"/>. Reading never throws: anything unexpected is an empty cache.</summary>
internal static class SchemaParseCacheFile
{
    public static IReadOnlyDictionary<string, SchemaCacheEntry> Read(string path, string codeVersion)
    {
        var empty = new Dictionary<string, SchemaCacheEntry>(StringComparer.Ordinal);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return empty;
        }

        try
        {
            var slices = Slices(bytes, codeVersion);
            var entries = new SchemaCacheEntry[slices.Count];
            // The documents are read in parallel (a schema file per folder makes many).
            Parallel.For(0, slices.Count, i =>
            {
                var (file, sha256, start, length) = slices[i];
                entries[i] = new SchemaCacheEntry(sha256, SchemaCacheJson.Deserialize(bytes.AsSpan(start, length), file));
            });
            return entries.Select((e, i) => (slices[i].Path, e)).ToDictionary(x => x.Path, x => x.e, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return empty;
        }
    }

    /// <summary>Each entry's path, hash and where its document lies in the file; none when another build wrote it.</summary>
    private static List<(string Path, string Sha256, int Start, int Length)> Slices(byte[] bytes, string codeVersion)
    {
        var slices = new List<(string, string, int, int)>();
        var reader = new Utf8JsonReader(bytes);
        Expect(ref reader, JsonTokenType.StartObject);
        if (ReadString(ref reader, "code") != codeVersion)
        {
            return slices;
        }

        ExpectProperty(ref reader, "files");
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var file = ReadString(ref reader, "path");
            var sha256 = ReadString(ref reader, "sha256");
            ExpectProperty(ref reader, "doc");
            Expect(ref reader, JsonTokenType.StartObject);
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            slices.Add((file, sha256, start, (int)reader.BytesConsumed - start));
            Expect(ref reader, JsonTokenType.EndObject);
        }

        return reader.TokenType == JsonTokenType.EndArray ? slices : throw new JsonException("unterminated files");
    }

    public static void Write(string path, string codeVersion, IReadOnlyDictionary<string, SchemaCacheEntry> entries)
    {
        var ordered = entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        // Each document is serialized on its own; one that holds a value the format does not keep exactly is left out
        // (it is parsed again next time) rather than stored approximately.
        var docs = new Artifacts.SegmentedBuffer?[ordered.Count];
        Parallel.For(0, ordered.Count, i => docs[i] = SchemaCacheJson.TrySerialize(ordered[i].Value.Document, ordered[i].Key));
        // Replaced in one step: a concurrent reader sees the old cache or the new one, never half of one.
        Artifacts.ReplacedFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream);
            w.WriteStartObject();
            w.WriteString("code", codeVersion);
            w.WriteStartArray("files");
            for (var i = 0; i < ordered.Count; i++)
            {
                if (docs[i] is { } doc)
                {
                    w.WriteStartObject();
                    w.WriteString("path", ordered[i].Key);
                    w.WriteString("sha256", ordered[i].Value.Sha256);
                    w.WritePropertyName("doc");
                    w.WriteRawValue(doc.AsSequence(), skipInputValidation: true);
                    w.WriteEndObject();
                    w.FlushWhenFull();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    internal static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"expected {type}");
        }
    }

    internal static void ExpectProperty(ref Utf8JsonReader reader, string name)
    {
        Expect(ref reader, JsonTokenType.PropertyName);
        if (!reader.ValueTextEquals(name))
        {
            throw new JsonException($"expected '{name}'");
        }
    }

    internal static string ReadString(ref Utf8JsonReader reader, string name)
    {
        ExpectProperty(ref reader, name);
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }
}
