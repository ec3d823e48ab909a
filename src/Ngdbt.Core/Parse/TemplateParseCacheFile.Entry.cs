using System.Text.Json;
using Ngdbt.Diagnostics;
using Ngdbt.Templating;

namespace Ngdbt.Parse;

internal static partial class TemplateParseCacheFile
{
    /// <summary>One stored template (the reader on its opening brace, left on its closing one).</summary>
    private static TemplateCacheEntry ReadEntry(ref Utf8JsonReader reader, string file, string sha256)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a template entry");
        }

        var refs = new List<RefCall>();
        SchemaParseCacheFile.ExpectProperty(ref reader, "refs");
        SchemaParseCacheFile.Expect(ref reader, JsonTokenType.StartArray);
        while (NextItem(ref reader))
        {
            var name = Text(ref reader) ?? throw new JsonException("a ref without a name");
            var package = Text(ref reader);
            refs.Add(new RefCall(name, package, Span(ref reader, file)));
            SchemaParseCacheFile.Expect(ref reader, JsonTokenType.EndArray);
        }

        var sources = new List<SourceCall>();
        SchemaParseCacheFile.ExpectProperty(ref reader, "sources");
        SchemaParseCacheFile.Expect(ref reader, JsonTokenType.StartArray);
        while (NextItem(ref reader))
        {
            var source = Text(ref reader) ?? throw new JsonException("a source without a name");
            var table = Text(ref reader) ?? throw new JsonException("a source without a table");
            sources.Add(new SourceCall(source, table, Span(ref reader, file)));
            SchemaParseCacheFile.Expect(ref reader, JsonTokenType.EndArray);
        }

        var configs = new List<ConfigCall>();
        SchemaParseCacheFile.ExpectProperty(ref reader, "configs");
        SchemaParseCacheFile.Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            SchemaParseCacheFile.ExpectProperty(ref reader, "values");
            reader.Read();
            var values = SchemaCacheJson.ReadValue(ref reader) as Dictionary<string, object?> ?? throw new JsonException("config values are not a mapping");
            SchemaParseCacheFile.ExpectProperty(ref reader, "spans");
            SchemaParseCacheFile.Expect(ref reader, JsonTokenType.StartObject);
            var spans = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                SchemaParseCacheFile.Expect(ref reader, JsonTokenType.StartArray);
                spans[key] = Span(ref reader, file);
                SchemaParseCacheFile.Expect(ref reader, JsonTokenType.EndArray);
            }

            SchemaParseCacheFile.Expect(ref reader, JsonTokenType.EndObject);
            configs.Add(new ConfigCall(values, spans));
        }

        var called = new List<string>();
        SchemaParseCacheFile.ExpectProperty(ref reader, "called");
        SchemaParseCacheFile.Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            called.Add(reader.GetString()!);
        }

        SchemaParseCacheFile.Expect(ref reader, JsonTokenType.EndObject);
        return new TemplateCacheEntry(sha256, refs, sources, configs, called);
    }

    /// <summary>Moves to the next item of an array of arrays: true on an item's opening bracket, false at the end.</summary>
    private static bool NextItem(ref Utf8JsonReader reader)
        => reader.Read() && (reader.TokenType == JsonTokenType.StartArray || (reader.TokenType == JsonTokenType.EndArray ? false : throw new JsonException("expected an item")));

    private static string? Text(ref Utf8JsonReader reader)
        => reader.Read() && reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? reader.GetString() : throw new JsonException("expected a string");

    private static SourceSpan Span(ref Utf8JsonReader reader, string file)
    {
        SchemaParseCacheFile.Expect(ref reader, JsonTokenType.Number);
        var line = reader.GetInt32();
        SchemaParseCacheFile.Expect(ref reader, JsonTokenType.Number);
        return new SourceSpan(file, line, reader.GetInt32());
    }
}
